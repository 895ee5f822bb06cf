package com.personifi.streams.runtime;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * RocksDB settings of the stream's state stores. Most lookups are for keys that are not there: a transaction seen for
 * the first time is in neither the dedupe store nor the transfer pairs, and has no budget contribution or correction
 * yet. Files on disk answer such a miss from their Bloom filter, but the write buffers (memtables) did not: each
 * miss searched a skip list of tens of thousands of entries, which took a quarter of the stream threads' time. A
 * Bloom filter over each memtable's whole keys answers most misses at once.
 */
public final class StateStoreTuning implements RocksDBConfigSetter {

    /** Share of the write buffer's size given to its Bloom filter (RocksDB's own suggestion is 0.1 at most). */
    static final double MEMTABLE_BLOOM_SIZE_RATIO = 0.05;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        options.setMemtableWholeKeyFiltering(true);
        options.setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_SIZE_RATIO);
    }

    @Override
    public void close(String storeName, Options options) {
        // nothing was allocated that RocksDB does not own
    }
}
