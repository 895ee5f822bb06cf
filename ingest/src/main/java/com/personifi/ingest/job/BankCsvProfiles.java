package com.personifi.ingest.job;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.personifi.ingest.statement.csv.BankCsvProfile;
import com.personifi.schemas.ids.TransactionIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** A user's saved bank CSV layouts, as JSON. Every query is scoped to the user. */
@Repository
public class BankCsvProfiles {

    /** A saved profile and the name its user knows it by ("Equity current account"). */
    public record Saved(UUID id, String name, BankCsvProfile profile) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public BankCsvProfiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws com.personifi.ingest.statement.csv.InvalidBankCsvProfileException listing every problem */
    public Saved create(UUID userId, String name, BankCsvProfile profile) {
        profile.requireValid();
        UUID id = TransactionIds.newId();
        jdbc.sql("INSERT INTO bank_csv_profiles (id, user_id, name, profile) VALUES (?, ?, ?, ?::jsonb)")
                .params(id, userId, name, json.writeValueAsString(profile)).update();
        return new Saved(id, name, profile);
    }

    /** @return false when the user has no such profile */
    public boolean update(UUID userId, UUID id, String name, BankCsvProfile profile) {
        profile.requireValid();
        return jdbc.sql("""
                UPDATE bank_csv_profiles SET name = ?, profile = ?::jsonb, updated_at = now()
                WHERE id = ? AND user_id = ? AND deleted_at IS NULL""")
                .params(name, json.writeValueAsString(profile), id, userId).update() == 1;
    }

    public boolean delete(UUID userId, UUID id) {
        return jdbc.sql("""
                UPDATE bank_csv_profiles SET deleted_at = now() WHERE id = ? AND user_id = ? AND deleted_at IS NULL""")
                .params(id, userId).update() == 1;
    }

    public Optional<Saved> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT id, name, profile FROM bank_csv_profiles WHERE id = ? AND user_id = ? AND deleted_at IS NULL")
                .params(id, userId).query((rs, n) -> saved(rs)).optional();
    }

    /** Oldest first, so when two profiles would match a file the one saved first wins, every time. */
    public List<Saved> of(UUID userId) {
        return jdbc.sql("""
                SELECT id, name, profile FROM bank_csv_profiles WHERE user_id = ? AND deleted_at IS NULL
                ORDER BY created_at, id""")
                .param(userId).query((rs, n) -> saved(rs)).list();
    }

    private Saved saved(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Saved(rs.getObject("id", UUID.class), rs.getString("name"),
                json.readValue(rs.getString("profile"), BankCsvProfile.class));
    }
}
