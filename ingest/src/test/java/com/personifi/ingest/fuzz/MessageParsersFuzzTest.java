package com.personifi.ingest.fuzz;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.personifi.ingest.UnreadableCallbackException;
import com.personifi.ingest.UnsupportedStatementException;
import com.personifi.ingest.daraja.DarajaCallback;
import com.personifi.ingest.mpesa.MpesaStatementPdf;
import com.personifi.ingest.sms.ConfirmationSms;
import com.personifi.ingest.sms.SmsNotUnderstoodException;
import com.personifi.ingest.statement.UnreadableStatementException;

/**
 * Forwarded SMS, Daraja callbacks and statement PDFs, fed arbitrary bytes: each may refuse with its own typed error
 * and nothing else may escape. Seeds live under
 * {@code src/test/resources/com/personifi/ingest/fuzz/MessageParsersFuzzTestInputs/}.
 */
class MessageParsersFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void sms(byte[] input) {
        try {
            ConfirmationSms.parse(new String(input, StandardCharsets.UTF_8));
        } catch (SmsNotUnderstoodException expected) {
            // the typed refusal of a confirmation that cannot be read
        }
    }

    @FuzzTest(maxDuration = "15s")
    void darajaCallback(byte[] input) {
        try {
            DarajaCallback.parse(input);
        } catch (UnreadableCallbackException expected) {
            // the typed refusal of a body that is not a callback PersoniFi reads
        }
    }

    @FuzzTest(maxDuration = "15s")
    void mpesaPdf(byte[] input) {
        try {
            MpesaStatementPdf.read(new ByteArrayInputStream(input), null, new IgnoringReader());
        } catch (UnsupportedStatementException | UnreadableStatementException expected) {
            // not a readable M-Pesa statement PDF, said in one typed error
        }
    }
}
