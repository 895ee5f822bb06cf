package com.personifi.schemas.ids;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Identity rules. A transaction's id is a name-based UUID of (accountId, sourceRef), so the same receipt seen by
 * SMS, callback and statement is one transaction. Everything else gets a time-ordered UUIDv7.
 */
public final class TransactionIds {

    /** Fixed namespace for transaction ids; changing it would re-identify every transaction. */
    private static final UUID TRANSACTION_NAMESPACE = UUID.fromString("8f7b6c2e-3a51-5c1e-9d2f-6b0e4a7c9d13");
    private static final NameBasedGenerator NAME_BASED = Generators.nameBasedGenerator(TRANSACTION_NAMESPACE);
    private static final TimeBasedEpochGenerator TIME_ORDERED = Generators.timeBasedEpochGenerator();

    /** Suffix of the sourceRef of the fee movement that belongs to a receipt. */
    public static final String FEE_SUFFIX = ":fee";

    private TransactionIds() {
    }

    public static UUID transactionId(UUID accountId, String sourceRef) {
        return NAME_BASED.generate(accountId + "/" + sourceRef);
    }

    public static String feeSourceRef(String parentSourceRef) {
        return parentSourceRef + FEE_SUFFIX;
    }

    public static UUID newId() {
        return TIME_ORDERED.generate();
    }
}
