package com.personifi.connectors.cdc;

import java.sql.Array;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which partner accounts are linked to which PersoniFi accounts ({@code partner_account_links}, our database), and
 * each partner account's currency ({@code m_savings_account.currency_code}, the partner's database). Read per batch,
 * so an account linked later gets its new transactions from then on.
 */
final class PartnerAccounts {

    record Linked(UUID accountId, UUID userId, String timeZone, String currency) {
    }

    private final JdbcTemplate platform;
    private final JdbcTemplate coreBanking;

    PartnerAccounts(JdbcTemplate platform, JdbcTemplate coreBanking) {
        this.platform = platform;
        this.coreBanking = coreBanking;
    }

    Map<Long, Linked> linked(String partner, Set<Long> partnerAccountIds) {
        Map<Long, Linked> linked = new HashMap<>();
        if (partnerAccountIds.isEmpty()) {
            return linked;
        }
        Map<Long, String> currencies = new HashMap<>();
        coreBanking.query("SELECT id, currency_code FROM m_savings_account WHERE id = ANY(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", partnerAccountIds.toArray())),
                rs -> {
                    currencies.put(rs.getLong(1), rs.getString(2).strip());
                });
        platform.query("""
                SELECT l.partner_account_id, l.account_id, a.user_id, u.time_zone
                FROM partner_account_links l
                JOIN accounts a ON a.id = l.account_id AND a.deleted_at IS NULL
                JOIN users u ON u.id = a.user_id
                WHERE l.partner = ? AND l.partner_account_id = ANY(?)""",
                ps -> {
                    ps.setString(1, partner);
                    Array ids = ps.getConnection().createArrayOf("text",
                            partnerAccountIds.stream().map(String::valueOf).toArray());
                    ps.setArray(2, ids);
                },
                rs -> {
                    long partnerAccount = Long.parseLong(rs.getString(1));
                    String currency = currencies.get(partnerAccount);
                    if (currency != null) {
                        linked.put(partnerAccount, new Linked(rs.getObject(2, UUID.class),
                                rs.getObject(3, UUID.class), rs.getString(4), currency));
                    }
                });
        return linked;
    }
}
