package com.personifi.api.archfixture;

import java.io.StringReader;

import com.personifi.ingest.mpesa.MpesaStatementCsv;

/** A deliberate violation for ArchitectureTest: the API using ingest's parser instead of its importer. Test code only. */
public class ApiReachingIntoTheStatementParser {

    public void parse() {
        MpesaStatementCsv.read(new StringReader(""), null);
    }
}
