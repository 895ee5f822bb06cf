package com.personifi.api;

import static com.personifi.api.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.personifi.schemas.RedisKeys;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@SpringBootTest
@AutoConfigureMockMvc
class CategoriesGraphQlIntegrationTest {

    private static final String CATEGORY = "code name kind parentCode builtIn";
    private static final String SAVE = "category { " + CATEGORY + " children { code } } errors { code field message }";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RedissonClient redis;

    @Test
    void theTreeHoldsTheBuiltInTaxonomyAndTheUsersOwnUnderTheirParents() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn other = ApiClient.signUp(mvc, "KES");
        mvc.perform(as(user, post("/api/v1/categories"),
                "{\"code\":\"chama\",\"name\":\"Chama\",\"parentCode\":\"financial\"}")).andExpect(status().isCreated());
        mvc.perform(as(user, post("/api/v1/categories"),
                "{\"code\":\"chama-payout\",\"name\":\"Payout\",\"parentCode\":\"chama\"}")).andExpect(status().isCreated());

        String query = "{ categories { " + CATEGORY + " children { " + CATEGORY + " children { " + CATEGORY
                + " } } } }";
        JsonNode tree = GraphQlAnswers.data(mvc, user, query, GraphQlAnswers.variables()).get("categories");

        JsonNode chama = find(find(tree, "financial").get("children"), "chama");
        assertThat(chama.get("builtIn").asBoolean()).isFalse();
        assertThat(chama.get("kind").asString()).isEqualTo("EXPENSE");
        assertThat(chama.get("parentCode").asString()).isEqualTo("financial");
        assertThat(find(chama.get("children"), "chama-payout").get("name").asString()).isEqualTo("Payout");
        assertThat(find(find(tree, "living").get("children"), "food").get("builtIn").asBoolean()).isTrue();
        assertThat(GraphQlAnswers.data(mvc, other, query, GraphQlAnswers.variables()).toString())
                .doesNotContain("chama");
    }

    @Test
    void aCategoryIsCreatedRenamedAndDeletedEachAuditedAndEachMovingTheDataVersionOn() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        long version = dataVersion(user);
        ObjectNode create = GraphQlAnswers.variables();
        create.set("input", GraphQlAnswers.JSON.createObjectNode().put("code", "harambee").put("name", "Harambee")
                .put("parentCode", "financial"));

        JsonNode created = GraphQlAnswers.data(mvc, user, "mutation($input: CreateCategoryInput!) { "
                + "createCategory(input: $input) { " + SAVE + " } }", create).get("createCategory");

        assertThat(created.get("errors")).isEmpty();
        assertThat(created.get("category").get("kind").asString()).isEqualTo("EXPENSE");
        assertThat(restTree(user)).contains("\"code\":\"harambee\"");
        assertThat(dataVersion(user)).isGreaterThan(version);

        version = dataVersion(user);
        JsonNode renamed = GraphQlAnswers.data(mvc, user, "mutation { renameCategory(code: \"harambee\", "
                + "name: \" Fundraisers \") { " + SAVE + " } }", GraphQlAnswers.variables()).get("renameCategory");

        assertThat(renamed.get("errors")).isEmpty();
        assertThat(renamed.get("category").get("name").asString()).isEqualTo("Fundraisers");
        assertThat(jdbc.sql("SELECT name FROM categories WHERE user_id = ? AND code = 'harambee'")
                .param(user.userId()).query(String.class).single()).isEqualTo("Fundraisers");
        assertThat(dataVersion(user)).isGreaterThan(version);

        JsonNode deleted = GraphQlAnswers.data(mvc, user, "mutation { deleteCategory(code: \"harambee\") { "
                + "deletedCode errors { code } } }", GraphQlAnswers.variables()).get("deleteCategory");

        assertThat(deleted.get("deletedCode").asString()).isEqualTo("harambee");
        assertThat(restTree(user)).doesNotContain("harambee");
        assertThat(jdbc.sql("""
                        SELECT string_agg(action || ':' || (after->>'name'), ',' ORDER BY at) FROM audit_log
                        WHERE entity_type = 'category' AND actor_id = ?""")
                .param(user.userId()).query(String.class).single())
                .isEqualTo("create:Harambee,rename:Fundraisers,delete:Fundraisers");
    }

    @Test
    void badInputABuiltInCategoryAndAnotherUsersCategoryAreTypedErrors() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn owner = ApiClient.signUp(mvc, "KES");
        mvc.perform(as(owner, post("/api/v1/categories"), "{\"code\":\"theirs\",\"name\":\"Theirs\",\"kind\":\"EXPENSE\"}"))
                .andExpect(status().isCreated());
        String create = "mutation($input: CreateCategoryInput!) { createCategory(input: $input) { " + SAVE + " } }";
        ObjectNode slug = GraphQlAnswers.variables();
        slug.set("input", GraphQlAnswers.JSON.createObjectNode().put("code", "Not A Slug").put("name", "")
                .put("kind", "SPENDING"));
        ObjectNode twice = GraphQlAnswers.variables();
        twice.set("input", GraphQlAnswers.JSON.createObjectNode().put("code", "pets").put("name", "Pets")
                .put("kind", "EXPENSE"));

        JsonNode invalid = GraphQlAnswers.data(mvc, user, create, slug).get("createCategory");
        GraphQlAnswers.data(mvc, user, create, twice);
        JsonNode again = GraphQlAnswers.data(mvc, user, create, twice).get("createCategory");
        JsonNode builtIn = GraphQlAnswers.data(mvc, user, "mutation { deleteCategory(code: \"food\") { deletedCode "
                + "errors { code field message } } }", GraphQlAnswers.variables()).get("deleteCategory");
        JsonNode renameTheirs = GraphQlAnswers.data(mvc, user, "mutation { renameCategory(code: \"theirs\", "
                + "name: \"Mine\") { " + SAVE + " } }", GraphQlAnswers.variables()).get("renameCategory");
        JsonNode blankName = GraphQlAnswers.data(mvc, user, "mutation { renameCategory(code: \"pets\", name: \" \") { "
                + SAVE + " } }", GraphQlAnswers.variables()).get("renameCategory");

        assertThat(invalid.get("category").isNull()).isTrue();
        assertThat(GraphQlAnswers.errors(invalid)).containsExactlyInAnyOrder("INVALID code", "INVALID name",
                "INVALID kind");
        assertThat(GraphQlAnswers.errors(again)).containsExactly("CONFLICT code");
        assertThat(GraphQlAnswers.errors(builtIn)).containsExactly("CONFLICT code");
        assertThat(builtIn.get("errors").get(0).get("message").asString()).contains("Built-in category food");
        assertThat(GraphQlAnswers.errors(renameTheirs)).containsExactly("NOT_FOUND code");
        assertThat(GraphQlAnswers.errors(blankName)).containsExactly("INVALID name");
        assertThat(jdbc.sql("SELECT name FROM categories WHERE user_id = ? AND code = 'theirs'")
                .param(owner.userId()).query(String.class).single()).isEqualTo("Theirs");
    }

    private long dataVersion(ApiClient.SignedIn user) {
        return redis.getAtomicLong(RedisKeys.dataVersion(user.userId())).get();
    }

    private String restTree(ApiClient.SignedIn user) throws Exception {
        return mvc.perform(as(user, get("/api/v1/categories"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    private static JsonNode find(JsonNode nodes, String code) {
        for (JsonNode node : nodes) {
            if (node.get("code").asString().equals(code)) {
                return node;
            }
        }
        throw new AssertionError("no category " + code + " in " + nodes);
    }
}
