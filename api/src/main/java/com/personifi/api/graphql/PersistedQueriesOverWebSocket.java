package com.personifi.api.graphql;

import java.io.IOException;

import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Persisted queries over the GraphQL WebSocket as over HTTP. Spring GraphQL's HTTP transport reads an operation sent
 * as a hash alone (no {@code query}, {@code extensions.persistedQuery} instead) as asking for the persisted query;
 * its WebSocket transport refuses one without {@code query} and drops the connection. This handler, in place of
 * Spring Boot's, gives such a {@code subscribe} message graphql-java's marker for "look the query up", so
 * {@link PersistedQueries} serves it. A {@code subscribe} with neither is closed as the protocol says, 4400.
 */
@Configuration(proxyBeanMethods = false)
class PersistedQueriesOverWebSocket {

    @Bean
    GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler graphQl, GraphQlProperties properties,
                                                    JsonMapper json) {
        return new Handler(graphQl, json, properties.getWebsocket());
    }

    private static final class Handler extends GraphQlWebSocketHandler {

        private static final CloseStatus INVALID_MESSAGE = new CloseStatus(4400, "Invalid message");

        private final JsonMapper json;

        Handler(WebGraphQlHandler graphQl, JsonMapper json, GraphQlProperties.Websocket settings) {
            super(graphQl, new JacksonJsonHttpMessageConverter(json), settings.getConnectionInitTimeout(),
                    settings.getKeepAlive());
            this.json = json;
        }

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
            String text = message.getPayload();
            // only a subscribe without a query needs a second look; most messages are read once, by Spring GraphQL
            if (!text.contains("\"subscribe\"") || text.contains("\"query\"") && !text.contains("persistedQuery")) {
                super.handleTextMessage(session, message);
                return;
            }
            ObjectNode subscribe = subscribeMessage(text);
            ObjectNode payload = subscribe == null ? null : (ObjectNode) subscribe.get("payload");
            if (payload == null || hasQuery(payload)) {
                super.handleTextMessage(session, message);
            } else if (payload.path("extensions").get("persistedQuery") instanceof ObjectNode) {
                payload.put("query", PersistedQuerySupport.PERSISTED_QUERY_MARKER);
                super.handleTextMessage(session, new TextMessage(json.writeValueAsString(subscribe)));
            } else {
                close(session);
            }
        }

        /** A {@code subscribe} message with a payload, or null for any other message (or one that does not parse). */
        private ObjectNode subscribeMessage(String text) {
            try {
                return json.readTree(text) instanceof ObjectNode message
                        && "subscribe".equals(message.path("type").asString(""))
                        && message.get("payload") instanceof ObjectNode ? message : null;
            } catch (JacksonException e) {
                return null;
            }
        }

        private static boolean hasQuery(ObjectNode payload) {
            JsonNode query = payload.get("query");
            return query != null && query.isString() && !query.asString().isBlank();
        }

        private static void close(WebSocketSession session) {
            try {
                session.close(INVALID_MESSAGE);
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
