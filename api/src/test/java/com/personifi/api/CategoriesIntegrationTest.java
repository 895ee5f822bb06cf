package com.personifi.api;

import static com.personifi.api.Requests.as;
import static com.personifi.api.Requests.fieldError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

@SpringBootTest
@AutoConfigureMockMvc
class CategoriesIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theTreeHoldsTheBuiltInTaxonomyAndTheUsersOwnUnderTheirParents() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn other = ApiClient.signUp(mvc, "KES");
        mvc.perform(as(user, post("/api/v1/categories"),
                        "{\"code\":\"chama\",\"name\":\"Chama contributions\",\"parentCode\":\"financial\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.code").value("chama"))
                .andExpect(jsonPath("$.kind").value("EXPENSE"))
                .andExpect(jsonPath("$.builtIn").value(false));
        mvc.perform(as(user, post("/api/v1/categories"),
                        "{\"code\":\"chama-merry-go-round\",\"name\":\"Merry-go-round\",\"parentCode\":\"chama\"}"))
                .andExpect(status().isCreated());
        mvc.perform(as(user, post("/api/v1/categories"), "{\"code\":\"side-hustle\",\"name\":\"Side hustle\","
                + "\"kind\":\"INCOME\"}")).andExpect(status().isCreated());

        JsonNode tree = tree(user);
        JsonNode financial = find(tree, "financial");
        JsonNode chama = find(financial.get("children"), "chama");
        assertThat(chama.get("builtIn").asBoolean()).isFalse();
        assertThat(find(chama.get("children"), "chama-merry-go-round")).isNotNull();
        assertThat(find(tree, "side-hustle").get("kind").asString()).isEqualTo("INCOME");
        assertThat(find(find(tree, "living").get("children"), "food").get("builtIn").asBoolean()).isTrue();
        assertThat(codes(tree(other))).doesNotContain("chama", "side-hustle").contains("food", "airtime-data");
    }

    @Test
    void aDeletedCategoryLeavesTheTreeAndItsCodeCanBeUsedAgain() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String body = "{\"code\":\"harambee\",\"name\":\"Harambee\",\"kind\":\"EXPENSE\"}";
        mvc.perform(as(user, post("/api/v1/categories"), body)).andExpect(status().isCreated());
        mvc.perform(as(user, post("/api/v1/categories"), body)).andExpect(status().isConflict());

        mvc.perform(as(user, delete("/api/v1/categories/harambee"))).andExpect(status().isNoContent());

        assertThat(codes(tree(user))).doesNotContain("harambee");
        mvc.perform(as(user, post("/api/v1/categories"), body)).andExpect(status().isCreated());
        List<Map<String, Object>> audit = jdbc.sql("""
                        SELECT action, after->>'code' AS code FROM audit_log
                        WHERE entity_type = 'category' AND actor_id = ? ORDER BY at, action""")
                .param(user.userId()).query().listOfRows();
        assertThat(audit).extracting(row -> row.get("action")).containsExactly("create", "delete", "create");
    }

    @Test
    void aRenamedCategoryKeepsItsCodeAndChildrenWhileABuiltInOneCannotBeRenamed() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        mvc.perform(as(user, post("/api/v1/categories"), "{\"code\":\"chama\",\"name\":\"Chama\",\"kind\":\"EXPENSE\"}"))
                .andExpect(status().isCreated());
        mvc.perform(as(user, post("/api/v1/categories"), "{\"code\":\"chama-payout\",\"name\":\"Payout\","
                + "\"parentCode\":\"chama\"}")).andExpect(status().isCreated());

        mvc.perform(as(user, patch("/api/v1/categories/chama"), "{\"name\":\" Chama savings \"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value("chama"))
                .andExpect(jsonPath("$.name").value("Chama savings"))
                .andExpect(jsonPath("$.children[0].code").value("chama-payout"));

        assertThat(find(tree(user), "chama").get("name").asString()).isEqualTo("Chama savings");
        assertThat(jdbc.sql("""
                        SELECT before->>'name' || '>' || (after->>'name') FROM audit_log
                        WHERE entity_type = 'category' AND actor_id = ? AND action = 'rename'""")
                .param(user.userId()).query(String.class).single()).isEqualTo("Chama>Chama savings");
        mvc.perform(as(user, patch("/api/v1/categories/food"), "{\"name\":\"Chakula\"}"))
                .andExpect(status().isConflict());
        mvc.perform(as(user, patch("/api/v1/categories/chama"), "{\"name\":\"\"}"))
                .andExpect(status().isBadRequest()).andExpect(fieldError("name"));
        mvc.perform(as(user, patch("/api/v1/categories/no-such-category"), "{\"name\":\"x\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void builtInCategoriesCannotBeDeletedAndAParentWithChildrenWaits() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        mvc.perform(as(user, delete("/api/v1/categories/food"))).andExpect(status().isConflict());
        mvc.perform(as(user, post("/api/v1/categories"), "{\"code\":\"pets\",\"name\":\"Pets\",\"kind\":\"EXPENSE\"}"))
                .andExpect(status().isCreated());
        mvc.perform(as(user, post("/api/v1/categories"), "{\"code\":\"vet\",\"name\":\"Vet\",\"parentCode\":\"pets\"}"))
                .andExpect(status().isCreated());

        mvc.perform(as(user, delete("/api/v1/categories/pets"))).andExpect(status().isConflict());
        mvc.perform(as(user, delete("/api/v1/categories/no-such-category"))).andExpect(status().isNotFound());
    }

    @Test
    void aCategoryARuleOrBudgetStillUsesStaysUntilTheyChange() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        mvc.perform(as(user, post("/api/v1/categories"), "{\"code\":\"chama\",\"name\":\"Chama\",\"kind\":\"EXPENSE\"}"))
                .andExpect(status().isCreated());
        String budget = Requests.read(mvc.perform(as(user, post("/api/v1/budgets"), "{\"category\":\"chama\",\"amount\":500}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();

        mvc.perform(as(user, delete("/api/v1/categories/chama"))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("used by 1")));

        mvc.perform(as(user, delete("/api/v1/budgets/" + budget))).andExpect(status().isNoContent());
        mvc.perform(as(user, delete("/api/v1/categories/chama"))).andExpect(status().isNoContent());
    }

    @Test
    void eachInvalidFieldIsNamed() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        mvc.perform(as(user, post("/api/v1/categories"), "{\"code\":\"Not A Slug\",\"name\":\"\",\"kind\":\"SPENDING\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(fieldError("code")).andExpect(fieldError("name")).andExpect(fieldError("kind"));
        mvc.perform(as(user, post("/api/v1/categories"), "{\"code\":\"food\",\"name\":\"My food\",\"kind\":\"EXPENSE\"}"))
                .andExpect(status().isBadRequest()).andExpect(fieldError("code"));
        mvc.perform(as(user, post("/api/v1/categories"), "{\"code\":\"orphan\",\"name\":\"Orphan\",\"parentCode\":\"nope\"}"))
                .andExpect(status().isBadRequest()).andExpect(fieldError("parentCode"));
        mvc.perform(as(user, post("/api/v1/categories"), "{\"code\":\"no-kind\",\"name\":\"No kind\"}"))
                .andExpect(status().isBadRequest()).andExpect(fieldError("kind"));
    }

    private JsonNode tree(ApiClient.SignedIn user) throws Exception {
        return Requests.read(mvc.perform(as(user, get("/api/v1/categories"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    private static JsonNode find(JsonNode nodes, String code) {
        for (JsonNode node : nodes) {
            if (node.get("code").asString().equals(code)) {
                return node;
            }
        }
        throw new AssertionError("No category " + code + " in " + nodes);
    }

    private static List<String> codes(JsonNode nodes) {
        List<String> codes = new ArrayList<>();
        for (JsonNode node : nodes) {
            codes.add(node.get("code").asString());
            codes.addAll(codes(node.get("children")));
        }
        return codes;
    }
}
