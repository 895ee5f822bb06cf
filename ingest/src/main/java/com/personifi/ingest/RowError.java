package com.personifi.ingest;

/** A row that could not be imported: where it is in the file, what it said, and why it was refused. */
public record RowError(int line, String rawText, String reason) {
}
