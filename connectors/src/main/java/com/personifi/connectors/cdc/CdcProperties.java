package com.personifi.connectors.cdc;

import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Change data capture, {@code personifi.cdc.*}. The platform's own database is read through the datasource's
 * address and credentials ({@code spring.datasource.*}); a partner's core-banking database through
 * {@code personifi.cdc.partner.*}.
 *
 * @param enabled           whether the connector process captures changes at all
 * @param name              names everything CDC leaves behind: replication slot and publication {@code <name>_cdc}
 *                          (partner: {@code <name>_partner_cdc}), offsets topic {@code <name>.cdc.offsets}
 *                          (partner: {@code <name>.cdc.partner.offsets})
 * @param forgetOnStart     drop the slot, the publication and the stored offsets before starting, so capture starts
 *                          over with a fresh snapshot (the explicit "forget"; the same as {@link ReplicationSetup#forget})
 * @param offsetFlushInterval how often delivered positions are stored; a crash replays at most this much
 * @param heartbeatInterval how often an idle connector still confirms its position, so the slot does not hold WAL
 * @param restartBackoff    wait before starting a failed engine again
 */
@ConfigurationProperties("personifi.cdc")
record CdcProperties(@DefaultValue("true") boolean enabled,
                     @DefaultValue("personifi") String name,
                     @DefaultValue("false") boolean forgetOnStart,
                     @DefaultValue("1s") Duration offsetFlushInterval,
                     @DefaultValue("10s") Duration heartbeatInterval,
                     @DefaultValue("5s") Duration restartBackoff,
                     @DefaultValue("1") short offsetsReplicationFactor,
                     @DefaultValue Partner partner) {

    /** Slot and publication names end up in SQL identifiers: only lower-case letters, digits and underscores. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    CdcProperties {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("personifi.cdc.name must match " + NAME + ", was " + name);
        }
    }

    String slotName() {
        return name + "_cdc";
    }

    String publicationName() {
        return name + "_cdc";
    }

    String offsetsTopic() {
        return name + ".cdc.offsets";
    }

    String partnerSlotName() {
        return name + "_partner_cdc";
    }

    String partnerOffsetsTopic() {
        return name + ".cdc.partner.offsets";
    }

    /**
     * A partner bank's core-banking database (Fineract-like {@code m_savings_account_transaction}), read for the
     * accounts linked in {@code partner_account_links}.
     *
     * @param enabled  off unless a partner database is configured
     * @param jdbcUrl  e.g. {@code jdbc:postgresql://core-bank:5432/fineract}
     * @param username a role with REPLICATION, from the environment
     * @param password from the environment
     * @param partner  the partner's code in {@code partner_account_links.partner}
     */
    record Partner(@DefaultValue("false") boolean enabled, String jdbcUrl, String username, String password,
                   @DefaultValue("partner") String partner) {

        @Override
        public String toString() {
            return "Partner[enabled=" + enabled + ", jdbcUrl=" + jdbcUrl + ", partner=" + partner + "]";
        }
    }
}
