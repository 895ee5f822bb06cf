package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.personifi.api.database.DatabaseUser;
import com.personifi.api.database.UserScopedDataSource;
import com.personifi.schemas.ids.TransactionIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Row-level security is the second wall: while the API serves a signed-in person, the database itself shows and
 * accepts only that person's rows, even to SQL without a WHERE clause.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class RowLevelSecurityIntegrationTest {

    /** Who the database thinks it is serving, seen from inside a request and on every connection taken. */
    @TestConfiguration
    static class DatabaseIdentityProbes {

        static final Map<String, String> SEEN = new ConcurrentHashMap<>();

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> databaseIdentityInRequests(JdbcClient jdbc) {
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                    new OncePerRequestFilter() {
                        @Override
                        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                        FilterChain chain) throws ServletException, IOException {
                            SEEN.put("request " + request.getRequestURI(), identity(jdbc));
                            chain.doFilter(request, response);
                        }
                    });
            registration.setOrder(Ordered.LOWEST_PRECEDENCE - 1);
            return registration;
        }

        /** Every connection the application takes, as whom it acts, wherever the work runs. */
        static final List<String> CONNECTIONS = new CopyOnWriteArrayList<>();
        /** The same, by the name of the thread that took the connection. */
        static final Map<String, List<String>> BY_THREAD = new ConcurrentHashMap<>();

        @Bean
        static BeanPostProcessor databaseIdentityOfEveryConnection() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof UserScopedDataSource scoped)) {
                        return bean;
                    }
                    return new DelegatingDataSource(scoped) {
                        @Override
                        public Connection getConnection() throws SQLException {
                            Connection connection = super.getConnection();
                            try (Statement statement = connection.createStatement();
                                 ResultSet rs = statement.executeQuery("SELECT current_user || ' ' || "
                                         + "coalesce(current_setting('personifi.user_id', true), '')")) {
                                rs.next();
                                CONNECTIONS.add(rs.getString(1).strip());
                                BY_THREAD.computeIfAbsent(Thread.currentThread().getName(),
                                        name -> new CopyOnWriteArrayList<>()).add(rs.getString(1).strip());
                            }
                            return connection;
                        }
                    };
                }
            };
        }

        static String identity(JdbcClient jdbc) {
            return jdbc.sql("SELECT current_user || ' ' || coalesce(current_setting('personifi.user_id', true), '')")
                    .query(String.class).single().strip();
        }
    }

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    ApiClient.SignedIn amina;
    ApiClient.SignedIn brian;

    @BeforeEach
    void twoPeopleWithTransactions() throws Exception {
        amina = ApiClient.signUp(mvc, "KES");
        brian = ApiClient.signUp(mvc, "KES");
        LedgerRow.of(amina, "RLS-A1", "2024-05-02T08:00:00Z", "-250.00", "Airtime").insert(jdbc);
        LedgerRow.of(brian, "RLS-B1", "2024-05-02T09:00:00Z", "-990.00", "Rent").insert(jdbc);
        LedgerRow.of(brian, "RLS-B2", "2024-05-03T09:00:00Z", "-10.00", "Bundle").insert(jdbc);
    }

    @Test
    void sqlWithoutAWhereClauseSeesOnlyThePersonsOwnRows() {
        try (DatabaseUser.Scope ignored = DatabaseUser.actAs(amina.userId())) {
            List<UUID> owners = jdbc.sql("SELECT DISTINCT user_id FROM transactions").query(UUID.class).list();
            assertThat(owners).containsExactly(amina.userId());
            assertThat(jdbc.sql("SELECT id FROM users").query(UUID.class).list()).containsExactly(amina.userId());
            assertThat(jdbc.sql("SELECT DISTINCT user_id FROM accounts").query(UUID.class).list())
                    .containsExactly(amina.userId());
            // built-in categories are everyone's
            assertThat(jdbc.sql("SELECT count(*) FROM categories WHERE user_id IS NULL").query(Long.class).single())
                    .isPositive();
        }
        // the sink, the jobs and sign-in act for nobody and see everything
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE user_id IN (?, ?)")
                .params(amina.userId(), brian.userId()).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void anotherPersonsRowsCanBeNeitherChangedNorWritten() {
        try (DatabaseUser.Scope ignored = DatabaseUser.actAs(amina.userId())) {
            int changed = jdbc.sql("UPDATE transactions SET notes = 'mine now' WHERE user_id = ?")
                    .param(brian.userId()).update();
            assertThat(changed).isZero();
            assertThat(jdbc.sql("DELETE FROM accounts WHERE user_id = ?").param(brian.userId()).update()).isZero();
            assertThatThrownBy(() -> jdbc.sql("""
                            INSERT INTO accounts (id, user_id, name, type, currency)
                            VALUES (?, ?, 'Planted', 'CASH', 'KES')""")
                    .params(TransactionIds.newId(), brian.userId()).update())
                    .isInstanceOf(DataAccessException.class)
                    .rootCause().hasMessageContaining("violates row-level security policy");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE user_id = ? AND notes IS NOT NULL")
                .param(brian.userId()).query(Long.class).single()).isZero();
    }

    @Test
    void anImportRunForThePersonRecordsItsRowErrors() {
        UUID job = TransactionIds.newId();
        try (DatabaseUser.Scope ignored = DatabaseUser.actAs(amina.userId())) {
            // as a PDF import does, on the request
            jdbc.sql("INSERT INTO import_jobs (id, user_id, account_id, status) VALUES (?, ?, ?, 'RUNNING')")
                    .params(job, amina.userId(), amina.walletId()).update();
            jdbc.sql("INSERT INTO import_job_errors (job_id, line, raw_text, reason) VALUES (?, 7, 'x', 'bad')")
                    .param(job).update();
            assertThat(jdbc.sql("SELECT count(*) FROM import_job_errors WHERE job_id = ?").param(job)
                    .query(Long.class).single()).isEqualTo(1);
        }
        try (DatabaseUser.Scope ignored = DatabaseUser.actAs(brian.userId())) {
            assertThat(jdbc.sql("SELECT count(*) FROM import_job_errors WHERE job_id = ?").param(job)
                    .query(Long.class).single()).isZero();
        }
    }

    @Test
    void aBackgroundImportAndTheProgressEventsItStreamsWorkAsTheUploader() throws Exception {
        DatabaseIdentityProbes.BY_THREAD.clear();
        String csv = "Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance\n"
                + "RLS1000001,2024-06-03 09:00:00,Airtime Purchase,Completed,,-100.00,900.00\n"
                + "RLS1000002,2024-06-04 09:00:00,Airtime Purchase,Completed,,-1OO.00,800.00\n";
        String jobId = ApiClient.json(mvc.perform(multipart("/api/v1/imports")
                        .file(new MockMultipartFile("file", "statement.csv", "text/csv",
                                csv.getBytes(StandardCharsets.UTF_8)))
                        .header("Authorization", amina.bearer()))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString())
                .get("jobId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> ApiClient.json(mvc.perform(get("/api/v1/imports/" + jobId)
                        .header("Authorization", amina.bearer())).andReturn().getResponse().getContentAsString())
                .get("status").asString().equals("COMPLETED"));
        mvc.perform(get("/api/v1/imports/" + jobId + "/events").header("Authorization", amina.bearer()))
                .andExpect(request().asyncStarted());
        await().atMost(Duration.ofSeconds(10)).until(() -> DatabaseIdentityProbes.BY_THREAD.containsKey("import-events"));

        Map<String, List<String>> workers = new java.util.TreeMap<>(DatabaseIdentityProbes.BY_THREAD);
        workers.keySet().removeIf(thread -> !thread.matches("import-(\\d+|events)"));
        assertThat(workers.keySet()).anyMatch(thread -> thread.matches("import-\\d+")).contains("import-events");
        // the worker recorded the refused row's error too: as the person, with the sequence granted to them
        assertThat(workers.values()).allSatisfy(identities -> assertThat(identities)
                .containsOnly("personifi_user " + amina.userId()));
        assertThat(jdbc.sql("SELECT count(*) FROM import_job_errors WHERE job_id = ?::uuid").param(jobId)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void signingUpAndInCarryingSomeoneElsesTokenActsForNoOne() throws Exception {
        // apps often send the stored token with every request
        mvc.perform(post("/api/v1/auth/login").with(ApiClient.from("10.9.9.10")).header("Authorization",
                        amina.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + brian.email() + "\",\"password\":\"correct horse battery\"}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/auth/register").with(ApiClient.from("10.9.9.11")).header("Authorization",
                        amina.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"third-" + UUID.randomUUID() + "@example.test\","
                                + "\"password\":\"correct horse battery\",\"baseCurrency\":\"KES\"}"))
                .andExpect(status().isCreated());
    }

    @Test
    void withNoPersonSetTheRoleSeesNothingAtAll() {
        // the policies fail closed: the role without a person matches no row
        Long visible = new TransactionTemplate(transactions).execute(tx -> {
            jdbc.sql("SET LOCAL ROLE personifi_user").update();
            return jdbc.sql("SELECT count(*) FROM transactions").query(Long.class).single();
        });
        assertThat(visible).isZero();
    }

    @Test
    void aSignedInRequestWorksAsThePersonAndSignInAsTheService() throws Exception {
        mvc.perform(get("/api/v1/me").header("Authorization", amina.bearer())).andExpect(status().isOk());
        assertThat(DatabaseIdentityProbes.SEEN.get("request /api/v1/me"))
                .isEqualTo("personifi_user " + amina.userId());

        mvc.perform(post("/api/v1/auth/login").with(ApiClient.from("10.9.9.9"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + brian.email() + "\",\"password\":\"correct horse battery\"}"))
                .andExpect(status().isOk());
        assertThat(DatabaseIdentityProbes.SEEN.get("request /api/v1/auth/login")).doesNotStartWith("personifi_user");

        // and the connection went back to the pool as the service
        assertThat(DatabaseIdentityProbes.identity(jdbc)).doesNotStartWith("personifi_user");

        // a path spelled with escapes is the path the controllers see, and works as the person too
        mvc.perform(get(java.net.URI.create("/api/v1/feeds/sms/%66orwarders")).header("Authorization", amina.bearer()))
                .andExpect(status().isOk());
        assertThat(DatabaseIdentityProbes.SEEN.get("request /api/v1/feeds/sms/%66orwarders"))
                .isEqualTo("personifi_user " + amina.userId());
    }

    @Test
    void graphQlDataFetchersWorkAsThePerson() throws Exception {
        DatabaseIdentityProbes.CONNECTIONS.clear();
        mvc.perform(post("/graphql").header("Authorization", brian.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"query\":\"{ accounts { id } }\"}"))
                .andExpect(status().isOk());
        assertThat(DatabaseIdentityProbes.CONNECTIONS).contains("personifi_user " + brian.userId());
    }

    @Test
    void operationsOverTheWebSocketWorkAsThePerson() throws Exception {
        DatabaseIdentityProbes.CONNECTIONS.clear();
        try (GraphQlWebSocket socket = GraphQlWebSocket.connectAs(port, amina)) {
            socket.next("connection_ack", Duration.ofSeconds(20));
            socket.subscribe("accounts", "{ accounts { id } }");
            assertThat(socket.next("next", Duration.ofSeconds(20)).toString()).contains(amina.walletId().toString());
        }
        assertThat(DatabaseIdentityProbes.CONNECTIONS).contains("personifi_user " + amina.userId());
    }

    @Test
    void everyTableThePersonsRoleCanReachThatHoldsUsersRowsHasRowLevelSecurity() {
        List<String> unguarded = jdbc.sql("""
                SELECT DISTINCT c.relname FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                JOIN information_schema.role_table_grants g
                  ON g.table_schema = 'public' AND g.table_name = c.relname AND g.grantee = 'personifi_user'
                WHERE c.relkind = 'r' AND NOT c.relrowsecurity
                  AND (EXISTS (SELECT 1 FROM information_schema.columns col
                               WHERE col.table_schema = 'public' AND col.table_name = c.relname
                                 AND col.column_name IN ('user_id', 'actor_id', 'account_id'))
                       OR EXISTS (SELECT 1 FROM pg_constraint fk
                                  WHERE fk.conrelid = c.oid AND fk.contype = 'f'
                                    AND fk.confrelid IN ('users'::regclass, 'accounts'::regclass)))
                ORDER BY 1""").query(String.class).list();
        assertThat(unguarded).isEmpty();
        // and the list is not empty because the role reaches nothing
        assertThat(jdbc.sql("""
                SELECT count(*) FROM pg_class WHERE relrowsecurity AND relnamespace = 'public'::regnamespace""")
                .query(Long.class).single()).isGreaterThanOrEqualTo(20);
    }
}
