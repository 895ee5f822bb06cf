package com.personifi.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.persisted.PersistedQueryCacheMiss;
import graphql.execution.preparsed.persisted.PersistedQueryNotFound;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import graphql.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** While Redis is down an instance still persists queries, in its own memory, and serves them by hash. */
class PersistedQueriesWithoutRedisUnitTest {

    private static final PersistedQueryCacheMiss PARSE = text -> new PreparsedDocumentEntry(Parser.parse(text));

    RedissonClient unreachable;
    PersistedQueries queries;

    @BeforeEach
    void givenRedisThatIsNotThere() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Config config = new Config().setLazyInitialization(true);
        config.useSingleServer().setAddress("redis://127.0.0.1:" + closed).setConnectTimeout(200).setTimeout(200)
                .setRetryAttempts(0);
        unreachable = Redisson.create(config);
        queries = new PersistedQueries(unreachable, new GraphQlSettings(10, 2000, Duration.ofDays(30), 2));
    }

    @AfterEach
    void shutDown() {
        unreachable.shutdown();
    }

    @Test
    void aQuerySentOnceIsServedByItsHashFromMemory() throws Exception {
        String query = "{ accounts { id name } }";
        String hash = sha256(query);

        queries.getPersistedQueryDocumentAsync(hash, input(query), PARSE).join();
        PreparsedDocumentEntry later = queries.getPersistedQueryDocumentAsync(hash,
                input(PersistedQuerySupport.PERSISTED_QUERY_MARKER), PARSE).join();

        assertThat(later.hasErrors()).isFalse();
        assertThat(later.getDocument()).isNotNull();
    }

    @Test
    void memoryKeepsOnlyTheMostRecentlyUsedQueries() throws Exception {
        String first = "{ accounts { id } }";
        queries.getPersistedQueryDocumentAsync(sha256(first), input(first), PARSE).join();
        queries.getPersistedQueryDocumentAsync(sha256("{ a: accounts { id } }"), input("{ a: accounts { id } }"),
                PARSE).join();
        queries.getPersistedQueryDocumentAsync(sha256("{ b: accounts { id } }"), input("{ b: accounts { id } }"),
                PARSE).join();

        assertThatThrownBy(() -> queries.getPersistedQueryDocumentAsync(sha256(first),
                input(PersistedQuerySupport.PERSISTED_QUERY_MARKER), PARSE))
                .isInstanceOf(PersistedQueryNotFound.class);
    }

    private static ExecutionInput input(String query) {
        return ExecutionInput.newExecutionInput().query(query)
                .extensions(Map.of("persistedQuery", Map.of("version", 1))).build();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
