package com.personifi.streams.enrich;

import java.util.function.Consumer;
import java.util.function.Function;

import com.personifi.schemas.events.RawTransaction;

/**
 * The same receipt seen through several channels (callback, SMS, statement) is one transaction: a later record only
 * fills in what the earlier ones lacked (counterparty, paybill or till, balance, fee link); it never changes the
 * money, the time or the identity.
 */
final class TransactionMerge {

    private TransactionMerge() {
    }

    /** The merged record, or null when {@code incoming} adds nothing to {@code known}. */
    static RawTransaction merge(RawTransaction known, RawTransaction incoming) {
        RawTransaction.Builder merged = RawTransaction.newBuilder(known);
        boolean changed = fill(known, incoming, RawTransaction::getCounterparty, merged::setCounterparty);
        changed |= fill(known, incoming, RawTransaction::getMerchantCode, merged::setMerchantCode);
        changed |= fill(known, incoming, RawTransaction::getBalance, merged::setBalance);
        changed |= fill(known, incoming, RawTransaction::getParentSourceRef, merged::setParentSourceRef);
        changed |= fill(known, incoming, RawTransaction::getImportJobId, merged::setImportJobId);
        changed |= fill(known, incoming, RawTransaction::getSourcePosition, merged::setSourcePosition);
        return changed ? merged.build() : null;
    }

    private static <T> boolean fill(RawTransaction known, RawTransaction incoming, Function<RawTransaction, T> field,
                                    Consumer<T> set) {
        if (field.apply(known) == null && field.apply(incoming) != null) {
            set.accept(field.apply(incoming));
            return true;
        }
        return false;
    }
}
