package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class TransactionsCsvExportIntegrationTest {

    private static final String HEADER = "id,date,occurred_at,account,amount,currency,amount_in_base,base_currency,"
            + "description,counterparty,category,tags,notes";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    ApiClient.SignedIn owner;
    ApiClient.SignedIn stranger;
    UUID formula;

    @BeforeEach
    void givenAnOwnerWhoseTextLooksLikeFormulasAndAStranger() throws Exception {
        owner = ApiClient.signUp(mvc, "KES");
        stranger = ApiClient.signUp(mvc, "KES");
        formula = LedgerRow.of(owner, "X1", "2024-05-03T07:00:00Z", "-1500.00", "=HYPERLINK(\"http://evil\",\"x\")")
                .counterparty("+254700000001").category("food", "MANUAL").insert(jdbc);
        jdbc.sql("UPDATE transactions SET notes = '-2+3+cmd', tags = ARRAY['@SUM(A1)','market'] WHERE id = ?")
                .param(formula).update();
        LedgerRow.of(owner, "X2", "2024-05-01T07:00:00Z", "25000.00", "Salary \"May\"").insert(jdbc);
        LedgerRow.of(owner, "X3", "2024-06-01T07:00:00Z", "-12.5", "June airtime").insert(jdbc);
        LedgerRow.of(stranger, "S1", "2024-05-02T07:00:00Z", "-999.00", "Stranger's groceries")
                .counterparty("STRANGER SHOP").insert(jdbc);
    }

    @Test
    void theFilteredLedgerDownloadsAsCsvWithFormulasNeutralisedAndAmountsAsPlainDecimals() throws Exception {
        String csv = mvc.perform(get("/api/v1/exports/transactions.csv?from=2024-05-01&to=2024-05-31")
                        .header("Authorization", owner.bearer()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"transactions.csv\""))
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(HEADER);
        assertThat(lines.get(1)).as("oldest first").contains("25000.00,\"KES\",25000.00,\"KES\",\"Salary \"\"May\"\"\"");
        assertThat(lines.get(2)).isEqualTo("\"" + formula + "\",\"2024-05-03\",\"2024-05-03T07:00:00Z\",\"M-Pesa\","
                + "-1500.00,\"KES\",-1500.00,\"KES\",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","
                + "\"'+254700000001\",\"food\",\"'@SUM(A1);market\",\"'-2+3+cmd\"");
        assertThat(csv).doesNotContain("June airtime").doesNotContain("Stranger");
    }

    @Test
    void theListsFiltersApplyToTheExport() throws Exception {
        String food = export(owner, "?category=food");
        String june = export(owner, "?minAmount=-100&maxAmount=0");

        assertThat(food.lines().toList()).hasSize(2);
        assertThat(food).contains("HYPERLINK");
        assertThat(june.lines().toList()).hasSize(2);
        assertThat(june).contains("-12.50,\"KES\"");
    }

    @Test
    void aStrangerExportsOnlyTheirOwnTransactionsEvenNamingTheOwnersAccount() throws Exception {
        String own = export(stranger, "");
        String withOwnersAccount = export(stranger, "?accountId=" + owner.walletId());

        assertThat(own.lines().toList()).hasSize(2);
        assertThat(own).contains("Stranger's groceries").doesNotContain("HYPERLINK").doesNotContain("Salary");
        assertThat(withOwnersAccount.lines().toList()).containsExactly(HEADER);
    }

    private String export(ApiClient.SignedIn user, String query) throws Exception {
        return mvc.perform(get("/api/v1/exports/transactions.csv" + query).header("Authorization", user.bearer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
