package com.personifi.api.graphql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import com.personifi.schemas.RedisKeys;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.persisted.PersistedQueryCache;
import graphql.execution.preparsed.persisted.PersistedQueryCacheMiss;
import graphql.execution.preparsed.persisted.PersistedQueryIdInvalid;
import graphql.execution.preparsed.persisted.PersistedQueryNotFound;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Automatic persisted queries (Apollo's protocol): a phone sends a query's SHA-256 instead of the query, and the
 * query only once, when the hash is not known yet ({@code PersistedQueryNotFound}). Queries are kept by hash in Redis
 * so every API instance knows them, and the most used ones in memory too, which also serves them while Redis is
 * down. graphql-java's {@code ApolloPersistedQuerySupport} reads the protocol and checks that a query sent with a
 * hash has that hash ({@code PersistedQueryIdInvalid} otherwise); this class decides where the text comes from.
 */
@Component
class PersistedQueries implements PersistedQueryCache {

    private static final Logger log = LoggerFactory.getLogger(PersistedQueries.class);
    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String PERSISTED_QUERY = "persistedQuery";

    private final RedissonClient redis;
    private final GraphQlSettings settings;
    private final Map<String, String> keptHere;

    PersistedQueries(RedissonClient redis, GraphQlSettings settings) {
        this.redis = redis;
        this.settings = settings;
        this.keptHere = Collections.synchronizedMap(new LinkedHashMap<String, String>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > settings.persistedQueriesKeptHere();
            }
        });
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getPersistedQueryDocumentAsync(
            Object persistedQueryId, ExecutionInput input, PersistedQueryCacheMiss parse) {
        Object version = input.getExtensions().get(PERSISTED_QUERY) instanceof Map<?, ?> extension
                ? extension.get("version") : null;
        if (!(version instanceof Number n) || n.intValue() != 1) {
            throw new UnsupportedPersistedQueryVersion(version);
        }
        String hash = String.valueOf(persistedQueryId).toLowerCase(Locale.ROOT);
        // the hash becomes part of a Redis key: only a real SHA-256 may
        if (!SHA_256_HEX.matcher(hash).matches()) {
            throw new PersistedQueryIdInvalid(persistedQueryId);
        }
        String sent = input.getQuery();
        if (sent == null || sent.isBlank() || PersistedQuerySupport.PERSISTED_QUERY_MARKER.equals(sent)) {
            String known = find(hash);
            if (known == null) {
                throw new PersistedQueryNotFound(persistedQueryId);
            }
            return CompletableFuture.completedFuture(parse.apply(known));
        }
        // checks the hash against the text before anything else, then parses and validates
        PreparsedDocumentEntry entry = parse.apply(sent);
        if (!entry.hasErrors()) {
            keep(hash, sent);
        }
        return CompletableFuture.completedFuture(entry);
    }

    private String find(String hash) {
        String query = keptHere.get(hash);
        if (query != null) {
            return query;
        }
        try {
            query = redis.<String>getBucket(RedisKeys.persistedQuery(hash), StringCodec.INSTANCE).get();
        } catch (RuntimeException e) {
            log.warn("Persisted queries read from this instance only, Redis unavailable: {}", e.getMessage());
            return null;
        }
        if (query != null) {
            keptHere.put(hash, query);
        }
        return query;
    }

    /** Only queries that parsed and validated are kept: nobody can park arbitrary text under a hash. */
    private void keep(String hash, String query) {
        keptHere.put(hash, query);
        try {
            redis.<String>getBucket(RedisKeys.persistedQuery(hash), StringCodec.INSTANCE)
                    .set(query, settings.persistedQueryTtl());
        } catch (RuntimeException e) {
            log.warn("Persisted query kept on this instance only, Redis unavailable: {}", e.getMessage());
        }
    }
}
