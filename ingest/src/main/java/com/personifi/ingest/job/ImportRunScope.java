package com.personifi.ingest.job;

import java.util.UUID;

/**
 * Who a background import works for while it runs on a worker thread. The API provides one that puts the worker's
 * database work under row-level security as the person who uploaded the file, exactly as the upload request itself
 * ran; without one, a worker is protected by its own queries' scoping alone.
 */
public interface ImportRunScope {

    /** Nothing beyond the import's own scoping. */
    ImportRunScope NONE = userId -> () -> { };

    /** Work on this thread is for {@code userId} until the returned scope is closed. */
    Scope enter(UUID userId);

    /** Ends working for the person; closing never fails. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
