package com.personifi.streams.categorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import com.personifi.schemas.CorrectionKeys;
import com.personifi.schemas.events.CategorySource;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.streams.TopologyFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CategorizationTopologyTest {

    private static final LocalDate DAY = LocalDate.of(2024, 3, 5);
    private TopologyFixture topology;
    private int receipt;

    @BeforeEach
    void start() {
        topology = new TopologyFixture();
        topology.givenBaseCurrency("KES");
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private EnrichedTransaction pay(String amount, String description, String counterparty, String merchantCode) {
        return topology.enrich(topology.transaction(String.format("SC5%07d", receipt++), amount, DAY, description)
                .setCounterparty(counterparty).setMerchantCode(merchantCode).build());
    }

    @Test
    void shouldLetTheUsersRuleWinOverTheBuiltInPatternsAndApplyItsActions() {
        topology.givenRules("""
                [{"id":"r1","priority":10,"when":{"merchant_code":"5995543"},
                  "then":{"category":"eating-out","add_tags":["office-lunch"],"rename_counterparty":"Naivas Deli"}}]""");

        EnrichedTransaction t = pay("-850.00", "Merchant Payment to 5995543 - NAIVAS", "NAIVAS", "5995543");

        assertThat(t.getCategory()).isEqualTo("eating-out");
        assertThat(t.getCategorySource()).isEqualTo(CategorySource.RULE);
        assertThat(t.getCategoryConfidence()).isEqualTo(100);
        assertThat(t.getTags()).containsExactly("office-lunch");
        assertThat(t.getCounterparty()).isEqualTo("Naivas Deli");
    }

    @Test
    void shouldApplyTheFirstMatchingRuleByPriorityAndRespectEveryCondition() {
        topology.givenRules("""
                [{"id":"big","priority":20,"when":{"description_contains":"transfer","direction":"OUT",
                   "min_amount":"-100000","max_amount":"-5000"},"then":{"category":"rent"}},
                 {"id":"mum","priority":10,"when":{"counterparty_contains":"wanjiku"},"then":{"category":"remittances-sent"}},
                 {"id":"regex","priority":30,"when":{"description_regex":"^Customer Transfer to .* OTIENO$"},
                   "then":{"category":"school-fees"}}]""");

        assertThat(pay("-20000.00", "Customer Transfer to - 2547*****501 PETER KAMAU", "PETER KAMAU", null)
                .getCategory()).isEqualTo("rent");
        assertThat(pay("-20000.00", "Customer Transfer to - 2547*****111 MARY WANJIKU", "MARY WANJIKU", null)
                .getCategory()).isEqualTo("remittances-sent");
        assertThat(pay("-3000.00", "Customer Transfer to - 2547*****222 JOHN OTIENO", "JOHN OTIENO", null)
                .getCategory()).isEqualTo("school-fees");
        // no rule matches a small transfer to someone else: the built-in pattern decides
        EnrichedTransaction builtIn = pay("-300.00", "Customer Transfer to - 2547*****333 ANN MUTUA", "ANN MUTUA", null);
        assertThat(builtIn.getCategorySource()).isEqualTo(CategorySource.BUILT_IN);
    }

    @Test
    void shouldApplyACorrectionToTheUsersNextTransactionFromThatMerchantWithGrowingConfidence() {
        EnrichedTransaction before = pay("-400.00", "Merchant Payment to 7134521 - WANJIRU ENTERPRISES",
                "WANJIRU ENTERPRISES", "7134521");
        String key = CorrectionKeys.of(topology.user, "7134521", "WANJIRU ENTERPRISES", "").get(0);

        topology.givenLearned(key, "food", 1);
        EnrichedTransaction afterOne = pay("-250.00", "Merchant Payment to 7134521 - WANJIRU ENTERPRISES",
                "WANJIRU ENTERPRISES", "7134521");
        topology.givenLearned(key, "food", 3);
        EnrichedTransaction afterThree = pay("-100.00", "Merchant Payment to 7134521 - WANJIRU ENTERPRISES",
                "WANJIRU ENTERPRISES", "7134521");

        assertThat(before.getCategory()).isEqualTo("uncategorized");
        assertThat(before.getCategorySource()).isEqualTo(CategorySource.NONE);
        assertThat(afterOne.getCategory()).isEqualTo("food");
        assertThat(afterOne.getCategorySource()).isEqualTo(CategorySource.LEARNED);
        assertThat(afterThree.getCategoryConfidence()).isGreaterThan(afterOne.getCategoryConfidence());
    }

    @Test
    void shouldKeepOneUsersCorrectionsAwayFromAnotherUser() {
        String someoneElsesKey = CorrectionKeys.of(java.util.UUID.randomUUID(), "7134521", null, null).get(0);
        topology.givenLearned(someoneElsesKey, "betting", 5);

        EnrichedTransaction t = pay("-400.00", "Merchant Payment to 7134521 - WANJIRU ENTERPRISES", "WANJIRU ENTERPRISES",
                "7134521");

        assertThat(t.getCategory()).isEqualTo("uncategorized");
    }

    @Test
    void shouldPreferTheUsersRulesOverWhatCorrectionsTaught() {
        String key = CorrectionKeys.of(topology.user, "7134521", null, null).get(0);
        topology.givenLearned(key, "food", 3);
        topology.givenRules("[{\"id\":\"r\",\"priority\":1,\"when\":{\"merchant_code\":\"7134521\"},"
                + "\"then\":{\"category\":\"shopping\"}}]");

        assertThat(pay("-100.00", "Merchant Payment to 7134521 - WANJIRU ENTERPRISES", null, "7134521").getCategory())
                .isEqualTo("shopping");
    }

    @Test
    void shouldDeadLetterNothingWhenTheUserHasNoReferenceDataAtAll() {
        EnrichedTransaction t = pay("-100.00", "Airtime Purchase", null, null);

        assertThat(t.getCategory()).isEqualTo("airtime-data");
        assertThat(t.getTags()).isEqualTo(List.of());
        assertThat(topology.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldIgnoreAnUnreadableRuleSetRatherThanDeadLetterTheUsersTransactions() {
        topology.givenRules("not a list");
        topology.givenLearned(CorrectionKeys.of(topology.user, "5995543", null, null).get(0), "", 1);

        EnrichedTransaction t = pay("-850.00", "Merchant Payment to 5995543 - NAIVAS", "NAIVAS", "5995543");

        assertThat(t.getCategory()).isEqualTo("food");
        assertThat(t.getCategorySource()).isEqualTo(CategorySource.BUILT_IN);
        assertThat(topology.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldGiveUpOnARuleWhoseRegexBacktracksCatastrophicallyAndLetTheNextRuleDecide() {
        topology.givenRules("""
                [{"id":"slow","priority":10,"when":{"description_regex":"^(\\\\w+\\\\s?)*$"},"then":{"category":"rent"}},
                 {"id":"next","priority":20,"when":{"description_contains":"transfer"},"then":{"category":"savings"}}]""");
        String description = "Customer Transfer to " + "MWANGIKAMAUOTIENOWANJIKU".repeat(2) + "!";

        EnrichedTransaction t = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> pay("-500.00", description, null, null));

        assertThat(t.getCategory()).isEqualTo("savings");
        assertThat(t.getCategorySource()).isEqualTo(CategorySource.RULE);
    }

    @Test
    void shouldIgnoreARuleSetWithAnOverlongRegexRatherThanRunIt() {
        topology.givenRules("[{\"id\":\"long\",\"when\":{\"description_regex\":\"" + "a".repeat(301)
                + "\"},\"then\":{\"category\":\"rent\"}}]");

        EnrichedTransaction t = pay("-500.00", "Customer Transfer to - 2547*****333 ANN MUTUA", "ANN MUTUA", null);

        assertThat(t.getCategorySource()).isEqualTo(CategorySource.BUILT_IN);
        assertThat(topology.deadLetters.isEmpty()).isTrue();
    }
}
