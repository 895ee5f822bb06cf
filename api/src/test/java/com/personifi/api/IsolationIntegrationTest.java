package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.personifi.ingest.demo.SyntheticMpesaStatement;
import com.personifi.schemas.ids.TransactionIds;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One user's data is never another's: generated over every REST route and every GraphQL field, so an endpoint added
 * later is covered without touching this test. The owner's ids are found in every table that has a user_id; the
 * stranger tries each of them in every path variable of every route (and as every ID argument in GraphQL), and lists
 * the stranger reads must not mention any of them.
 */
@SpringBootTest
@AutoConfigureMockMvc
class IsolationIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");
    /**
     * Sample values for arguments that are not ids, good enough to pass validation, so that a field taking an id
     * inside its input goes on to look it up: dates and a cadence for recurring rules, one row of a rule preview.
     */
    private static final Map<String, String> SAMPLES = Map.of("month", "2024-05", "from", "2024-01",
            "to", "2024-12", "startDate", "2024-05-01", "cadence", "MONTHLY", "limit", "1");
    /** Arguments and input fields naming a category: they get the owner's own category's code. */
    private static final Set<String> CATEGORY_CODES = Set.of("code", "parentCode", "category");
    private static final String OWNERS_CATEGORY = "owners-envelope";
    /** What only the owner's data says. */
    private static final List<String> SECRETS = List.of("Secret purchase", "OWNERS SHOP", "Secret envelope",
            "Secret rent");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping routes;

    @Autowired
    GraphQlSource graphQl;

    ApiClient.SignedIn owner;
    ApiClient.SignedIn stranger;
    Set<String> ownerIds;
    UUID ledgerRow;

    @BeforeEach
    void givenAnOwnerWithDataOfEveryKindAndAStranger() throws Exception {
        owner = ApiClient.signUp(mvc, "KES");
        stranger = ApiClient.signUp(mvc, "KES");
        UUID id = TransactionIds.transactionId(owner.walletId(), "ISO1");
        Instant at = Instant.parse("2024-05-02T08:00:00Z");
        jdbc.sql("""
                        INSERT INTO transactions (id, user_id, account_id, source_ref, source, occurred_at, local_date,
                            amount, currency, description, counterparty, category, category_source,
                            category_confidence, base_currency, amount_in_base, fx_rate_status)
                        VALUES (?, ?, ?, 'ISO1', 'MPESA_STATEMENT', ?, ?, -4321.00, 'KES', 'Secret purchase',
                            'OWNERS SHOP', 'food', 'BUILT_IN', 90, 'KES', -4321.00, 'OFFICIAL')""")
                .params(id, owner.userId(), owner.walletId(), Timestamp.from(at), LocalDate.of(2024, 5, 2)).update();
        mvc.perform(post("/api/v1/transactions").header("Authorization", owner.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"accountId\":\"" + owner.walletId()
                        + "\",\"amount\":\"-12.00\",\"description\":\"Owner's manual entry\"}"));
        mvc.perform(post("/api/v1/feeds/mpesa").header("Authorization", owner.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"accountId\":\"" + owner.walletId() + "\"}"));
        SyntheticMpesaStatement statement = SyntheticMpesaStatement.generate(7, YearMonth.of(2024, 3), 1, 3);
        mvc.perform(multipart("/api/v1/imports").file(new MockMultipartFile("file", "owner.csv", "text/csv",
                statement.toCsv().getBytes(StandardCharsets.UTF_8))).header("Authorization", owner.bearer()));
        create("/api/v1/categories", "{\"code\":\"" + OWNERS_CATEGORY + "\",\"name\":\"Secret envelope\","
                + "\"kind\":\"EXPENSE\"}");
        create("/api/v1/rules", "{\"conditions\":{\"descriptionContains\":\"secret\"},"
                + "\"actions\":{\"category\":\"" + OWNERS_CATEGORY + "\"}}");
        create("/api/v1/budgets", "{\"category\":\"" + OWNERS_CATEGORY + "\",\"amount\":4321}");
        create("/api/v1/recurring", "{\"accountId\":\"" + owner.walletId() + "\",\"amount\":-4321,"
                + "\"description\":\"Secret rent\",\"cadence\":\"MONTHLY\",\"startDate\":\"2024-01-01\"}");
        ownerIds = ownedIds(owner.userId());
        ledgerRow = id;
    }

    @Test
    void everyRestRouteWithAnIdAnswersTheStrangerWithoutTheOwnersData() throws Exception {
        assertThat(ownerIds).as("ids the owner has").hasSizeGreaterThanOrEqualTo(5);
        int tried = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> route : routes.getHandlerMethods().entrySet()) {
            for (String pattern : route.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/v1/") || !VARIABLE.matcher(pattern).find()) {
                    continue;
                }
                for (HttpMethod method : methods(route.getKey())) {
                    for (String ownerId : ownerKeys()) {
                        String path = VARIABLE.matcher(pattern).replaceAll(ownerId);
                        MvcResult result = mvc.perform(request(method, path)
                                        .header("Authorization", stranger.bearer())
                                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                                .andReturn();
                        tried++;
                        int status = result.getResponse().getStatus();
                        assertThat(status).as("%s %s as another user", method, path)
                                .isIn(400, 401, 404, 405, 415, 422);
                        assertNoOwnerData(method + " " + path, result, ownerId);
                    }
                }
            }
        }
        assertThat(tried).as("routes × ids tried").isGreaterThan(20);
    }

    @Test
    void everyRestListTheStrangerReadsLeavesOutTheOwnersData() throws Exception {
        int tried = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> route : routes.getHandlerMethods().entrySet()) {
            if (!methods(route.getKey()).contains(HttpMethod.GET)) {
                continue;
            }
            for (String pattern : route.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/v1/") || VARIABLE.matcher(pattern).find()
                        || pattern.startsWith("/api/v1/openapi")) {
                    continue;
                }
                // the owner's account as a filter, and the sample months a dashboard needs
                String path = pattern + "?accountId=" + owner.walletId() + "&month=2024-05&from=2024-01&to=2024-12";
                MvcResult result = mvc.perform(request(HttpMethod.GET, path)
                        .header("Authorization", stranger.bearer())).andReturn();
                tried++;
                assertNoOwnerData("GET " + path, result, owner.walletId().toString());
            }
        }
        assertThat(tried).as("list routes tried").isGreaterThan(5);
    }

    /**
     * Every field, with the owner's ids in its ID arguments and input fields and the owner's category in those
     * naming a category. A field answering with typed errors must answer with some: it looked the id up and found
     * nothing of the stranger's, rather than failing before (a limit, bad sample input). Nothing of the owner's
     * changes.
     */
    @Test
    void everyGraphQlFieldAnswersTheStrangerWithoutTheOwnersData() throws Exception {
        GraphQLSchema schema = graphQl.schema();
        String ownersState = ownersState();
        Set<String> refused = new TreeSet<>();
        int tried = 0;
        // not the Subscription root: subscriptions run over a WebSocket, from the moment of subscribing, and
        // GraphQlSubscriptionsIntegrationTest shows each user receives their own events and nobody else's
        for (GraphQLObjectType root : new GraphQLObjectType[] {schema.getQueryType(), schema.getMutationType()}) {
            if (root == null) {
                continue;
            }
            String operation = root == schema.getQueryType() ? "query" : "mutation";
            for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                for (String ownerId : ownerIds) {
                    String query = operation + " { " + field.getName() + arguments(field.getArguments(), ownerId)
                            + selection(field.getType(), 0) + " }";
                    String answer = mvc.perform(post("/graphql").header("Authorization", stranger.bearer())
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .content(JSON.writeValueAsString(JSON.createObjectNode().put("query", query))))
                            .andReturn().getResponse().getContentAsString();
                    tried++;
                    for (String id : ownerIds) {
                        // an error may name the id it was given; any other of the owner's ids would be a leak
                        if (!id.equals(ownerId)) {
                            assertThat(answer).as("%s as another user", query).doesNotContain(id);
                        }
                    }
                    SECRETS.forEach(secret -> assertThat(answer).as(query).doesNotContain(secret));
                    if (answersWithErrors(field) && (query.contains(ownerId) || query.contains(OWNERS_CATEGORY))) {
                        assertThat(JSON.readTree(answer).path("data").path(field.getName()).path("errors").isEmpty())
                                .as("typed errors for %s: %s", query, answer).isFalse();
                        refused.add(field.getName());
                    }
                }
            }
        }
        assertThat(tried).isGreaterThan(5);
        assertThat(refused).as("fields that refused the owner's ids").contains("previewRule", "applyRule",
                "updateRule", "deleteRule", "createRule", "updateBudget", "deleteBudget", "createBudget",
                "updateRecurringRule", "deleteRecurringRule", "createRecurringRule", "renameCategory",
                "deleteCategory", "createCategory", "updateAccount", "deleteAccount", "restoreAccount");
        assertThat(ownersState()).as("the owner's data after the stranger's tries").isEqualTo(ownersState);
    }

    private void create(String path, String body) throws Exception {
        assertThat(mvc.perform(post(path).header("Authorization", owner.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getStatus())
                .as("POST %s", path).isEqualTo(201);
    }

    /** The owner's ids, and the code of their own category, which paths and arguments name categories by. */
    private Set<String> ownerKeys() {
        Set<String> keys = new LinkedHashSet<>(ownerIds);
        keys.add(OWNERS_CATEGORY);
        return keys;
    }

    /** Everything of the owner's a GraphQL mutation could change. */
    private String ownersState() {
        return jdbc.sql("""
                        SELECT concat_ws(' | ',
                            (SELECT string_agg(a::text, ',' ORDER BY a.id) FROM accounts a WHERE a.user_id = ?),
                            (SELECT string_agg(c::text, ',' ORDER BY c.id) FROM categories c WHERE c.user_id = ?),
                            (SELECT string_agg(r::text, ',' ORDER BY r.id) FROM category_rules r WHERE r.user_id = ?),
                            (SELECT string_agg(b::text, ',' ORDER BY b.id) FROM budgets b WHERE b.user_id = ?),
                            (SELECT string_agg(r::text, ',' ORDER BY r.id) FROM recurring_rules r WHERE r.user_id = ?),
                            (SELECT string_agg(p::text, ',' ORDER BY p.kind, p.channel) FROM notification_preferences p
                             WHERE p.user_id = ?),
                            (SELECT u::text FROM users u WHERE u.id = ?),
                            (SELECT t::text FROM transactions t WHERE t.id = ?))""")
                .params(owner.userId(), owner.userId(), owner.userId(), owner.userId(), owner.userId(),
                        owner.userId(), owner.userId(), ledgerRow)
                .query(String.class).single();
    }

    /** A mutation's payload, or a query's that answers like one. */
    private static boolean answersWithErrors(GraphQLFieldDefinition field) {
        return GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLObjectType type
                && type.getFieldDefinition("errors") != null;
    }

    /** The id the stranger sent may come back in an error; no other id of the owner's, and none of their data. */
    private void assertNoOwnerData(String request, MvcResult result, String given) throws Exception {
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        for (String id : ownerIds) {
            if (!id.equals(given)) {
                assertThat(body).as("%s mentions the owner's %s", request, id).doesNotContain(id);
            }
        }
        SECRETS.forEach(secret -> assertThat(body).as(request).doesNotContain(secret));
        assertThat(body).as(request).doesNotContain("4321");
    }

    private static Set<HttpMethod> methods(RequestMappingInfo info) {
        Set<HttpMethod> methods = new LinkedHashSet<>();
        info.getMethodsCondition().getMethods().forEach(m -> methods.add(HttpMethod.valueOf(m.name())));
        if (methods.isEmpty()) {
            methods.add(HttpMethod.GET);
        }
        return methods;
    }

    /** Every id in every table that says whose a row is. */
    private Set<String> ownedIds(UUID userId) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> tables = jdbc.sql("""
                SELECT c.table_name FROM information_schema.columns c
                JOIN information_schema.columns i ON i.table_name = c.table_name AND i.column_name = 'id'
                    AND i.table_schema = c.table_schema
                WHERE c.column_name = 'user_id' AND c.table_schema = 'public'""").query(String.class).list();
        for (String table : tables) {
            ids.addAll(jdbc.sql("SELECT id::text FROM " + table + " WHERE user_id = ? LIMIT 5").param(userId)
                    .query(String.class).list());
        }
        ids.remove(userId.toString());
        return ids;
    }

    private String arguments(List<GraphQLArgument> arguments, String ownerId) {
        List<String> given = new ArrayList<>();
        for (GraphQLArgument argument : arguments) {
            String value = value(argument.getName(), argument.getType(), ownerId, 0);
            if (value != null) {
                given.add(argument.getName() + ": " + value);
            }
        }
        return given.isEmpty() ? "" : "(" + String.join(", ", given) + ")";
    }

    /** A literal for an argument: the owner's id for ids, samples for the rest; null leaves an optional one out. */
    private String value(String name, GraphQLInputType type, String ownerId, int depth) {
        boolean required = type instanceof GraphQLNonNull;
        GraphQLType inner = GraphQLTypeUtil.unwrapNonNull(type);
        if (inner instanceof GraphQLList list) {
            return required ? "[]" : null;
        }
        if (inner instanceof GraphQLScalarType scalar) {
            // samples are for arguments and required input fields: an optional field of a filter (a transaction
            // filter's dates) is left out rather than given a value meant for another argument of that name
            boolean sampled = SAMPLES.containsKey(name) && (required || depth == 0);
            return switch (scalar.getName()) {
                case "ID" -> "\"" + ownerId + "\"";
                case "Int" -> sampled ? SAMPLES.get(name) : required ? "10" : null;
                case "Boolean" -> required ? "false" : null;
                // positive, as a budget's limit must be; a transaction or recurring amount may be either
                case "Decimal" -> required ? "\"1.00\"" : null;
                default -> CATEGORY_CODES.contains(name) ? "\"" + OWNERS_CATEGORY + "\""
                        : required || sampled ? "\"" + SAMPLES.getOrDefault(name, "x") + "\""
                        : null;
            };
        }
        if (inner instanceof GraphQLEnumType enumType) {
            return required ? enumType.getValues().get(0).getName() : null;
        }
        if (inner instanceof GraphQLInputObjectType object && depth < 3) {
            List<String> fields = new ArrayList<>();
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                String value = value(field.getName(), field.getType(), ownerId, depth + 1);
                if (value != null) {
                    fields.add(field.getName() + ": " + value);
                }
            }
            return required || !fields.isEmpty() ? "{" + String.join(", ", fields) + "}" : null;
        }
        return null;
    }

    /** Every scalar field, three levels deep: whatever the stranger could be shown. */
    private String selection(GraphQLOutputType type, int depth) {
        GraphQLType inner = GraphQLTypeUtil.unwrapAll(type);
        if (!(inner instanceof GraphQLObjectType object)) {
            return "";
        }
        if (depth > 3) {
            return " { __typename }";
        }
        List<String> fields = new ArrayList<>();
        for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
            if (field.getArguments().stream().anyMatch(a -> a.getType() instanceof GraphQLNonNull)) {
                continue;
            }
            fields.add(field.getName() + selection(field.getType(), depth + 1));
        }
        return " { " + String.join(" ", fields) + " }";
    }
}
