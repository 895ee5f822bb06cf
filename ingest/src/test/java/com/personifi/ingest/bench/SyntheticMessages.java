package com.personifi.ingest.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The messages of the benchmark: confirmation SMS of every operator and kind PersoniFi reads (the synthetic samples of
 * {@code ConfirmationSmsTest}), and the Daraja callbacks of {@code src/test/resources/daraja/}, each repeated in turn
 * to the number wanted.
 */
final class SyntheticMessages {

    private static final List<String> SMS = List.of(
            "SAIM8854UT Confirmed. Ksh1,500.00 sent to JOHN KAMAU 0712345678 on 7/1/24 at 9:05 AM. New M-PESA balance"
                    + " is Ksh5,786.00. Transaction cost, Ksh23.00. Amount you can transact within the day is"
                    + " 498,500.00. Pay with M-PESA GlobalPay virtual Visa card & enjoy shopping online.",
            "SAJ2KL3MN4 Confirmed.You have received Ksh650.00 from EVANS KIMATHI 0745123316 on 7/1/24 at 9:05 AM New"
                    + " M-PESA balance is Ksh6,436.00. Separate personal and business funds through Pochi la Biashara"
                    + " on *334#.",
            "SAK3LM4NO5 Confirmed. Ksh2,000.00 sent to KPLC PREPAID for account 54405080323 on 8/1/24 at 7:45 PM New"
                    + " M-PESA balance is Ksh4,436.00. Transaction cost, Ksh0.00.Amount you can transact within the day"
                    + " is 498,000.00. Save frequent paybills for quick payment on M-PESA app"
                    + " https://example.invalid/app",
            "SAL4MN5OP6 Confirmed. Ksh450.00 paid to MAMA SAFI RESTAURANT. on 9/1/24 at 1:15 PM.New M-PESA balance is"
                    + " Ksh3,986.00. Transaction cost, Ksh0.00. Amount you can transact within the day is 499,550.00."
                    + " To move money from bank to M-PESA, dial *334#>Withdraw>From bank to MPESA",
            "SAM5NO6PQ7 Confirmed.on 10/1/24 at 4:40 PMWithdraw Ksh3,000.00 from 123456 - JANE SHOP New M-PESA"
                    + " balance is Ksh986.00. Transaction cost, Ksh53.00. Amount you can transact within the day is"
                    + " 497,000.00. Download the new M-PESA app for more.",
            "SAP8QR9ST0 Confirmed.You bought Ksh100.00 of airtime on 13/1/24 at 12:30 PM.New M-PESA balance is"
                    + " Ksh4,386.00. Transaction cost, Ksh0.00. Amount you can transact within the day is 499,900.00."
                    + " Start investing today. Dial *334#.",
            "QKM2NO3PQ4 Imethibitishwa. Umetuma Tsh20,000.00 kwa JUMA HAMISI 0765432109 tarehe 13/5/24 saa 9:15 AM."
                    + " Salio lako jipya la M-Pesa ni Tsh129,500.00. Gharama ya muamala Tsh500.00.",
            "QKN3OP4QR5 Imethibitishwa. Umelipa Tsh35,000.00 kwa 400700 - TANESCO LUKU kwa akaunti namba 24681357902"
                    + " tarehe 14/5/24 saa 6:45 PM. Salio lako jipya la M-Pesa ni Tsh94,000.00. Gharama ya muamala"
                    + " Tsh500.00.",
            "TID: 51234567890. You have sent UGX 20,000 to MUGISHA PETER 0752123456 on 12/05/2024 14:30. Fee: UGX"
                    + " 500. Bal: UGX 180,500.",
            "TID: 51234567892. Paid UGX 45,000 to UMEME YAKA Acc 04123456789 on 14/05/2024 10:05. Fee: UGX 0. Bal:"
                    + " UGX 210,500.",
            "You have received 50.00 GHS from KWAME MENSAH (233244123456) on 2024-05-12 14:30:05. Reference: rent."
                    + " Your new balance: 150.00 GHS. Financial Transaction Id: 12345678901. External Transaction Id: -.",
            "Payment made for GHS 120.00 to ECG PREPAID Acc 0123456789. Current Balance: GHS 30.00. Transaction Id:"
                    + " 23456789013. Fee charged: GHS 1.20.");

    private static final List<String> DARAJA = List.of("c2b_confirmation_request.json", "c2b_validation_request.json",
            "stk_callback_success.json", "stk_callback_cancelled.json", "b2c_result.json",
            "transaction_status_result.json", "account_balance_result.json");

    private SyntheticMessages() {
    }

    static String[] sms(int count) {
        String[] messages = new String[count];
        for (int i = 0; i < count; i++) {
            messages[i] = SMS.get(i % SMS.size());
        }
        return messages;
    }

    static byte[][] darajaCallbacks(int count) {
        byte[][] bodies = DARAJA.stream().map(SyntheticMessages::resource).toArray(byte[][]::new);
        byte[][] callbacks = new byte[count][];
        for (int i = 0; i < count; i++) {
            callbacks[i] = bodies[i % bodies.length];
        }
        return callbacks;
    }

    /** The bodies one after the other, each on lines of its own, for the line-reading baseline. */
    static byte[] joined(byte[][] bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] body : bodies) {
            out.writeBytes(body);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static byte[] resource(String name) {
        try (InputStream in = SyntheticMessages.class.getResourceAsStream("/daraja/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No test resource /daraja/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
