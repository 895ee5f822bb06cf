package com.personifi.streams.categorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import com.personifi.schemas.events.CategorySource;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.streams.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuiltInCategoriesUnitTest {

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Pay Bill Online to 888880 Acc. 54405080323                       | -1500 | electricity
            Airtime Purchase                                                 | -100  | airtime-data
            Buy Bundles Online                                               | -250  | airtime-data
            OverDraft of Credit Party                                        | 300   | loans-fuliza
            Customer Transfer of Funds Charge                                | -13   | mobile-money-fees
            Customer Withdrawal At Agent Till 123456 - JANE SHOP             | -2000 | cash-withdrawal
            Deposit of Funds at Agent Till 123456 - JANE SHOP                | 2000  | cash-deposit
            Merchant Payment to 5995543 - NAIVAS SUPERMARKET                 | -850  | food
            Merchant Payment to 5120450 - SUPER METRO SACCO                  | -100  | matatu-bodaboda
            Pay Bill Online to 290059 - SPORTPESA Acc. 0712                  | -50   | betting
            Pay Bill Online to 200222 - SHA CONTRIBUTIONS Acc. 1234          | -500  | health
            Pay Bill Online to 522522 - KCB SCHOOL FEES Acc. ADM4432         | -15000| school-fees
            Merchant Payment to 947310 - PROGAS DEALER                       | -2900 | charcoal-gas
            Business Payment from 247247 - ACME KENYA LTD via API. Original  | 85000 | salary
            Funds received from - 2547*****123 JANE WANJIKU                  | 2000  | remittances-received
            Customer Transfer to - 2547*****501 JOHN DOE                     | -1000 | remittances-sent
            M-Shwari Deposit                                                 | -500  | savings
            Pay Bill Online to 123123 - CURRENT ACCOUNT TOPUP Acc. 1         | -500  | uncategorized
            POS PURCHASE ENGEN ROSEBANK                                      | -650  | fuel
            PREPAID ELECTRICITY ESKOM 0412345678                             | -300  | electricity
            MAGTAPE CREDIT ACME PTY LTD                                      | 21000 | salary
            Umetuma Tsh20,000.00 kwa JUMA HAMISI                             | -20000| remittances-sent
            NIP TRF FROM ADEBAYO FOLAKE                                      | 5000  | remittances-received
            Uber Eats order 4412                                             | -180  | eating-out
            Payment to LILONGWE WATER BOARD 7712                             | -9000 | utilities
            Business Payment from 200222 - NHIF KENYA via API                | 1200  | refunds
            Payment to SPLASH WATER PARK                                     | -1500 | entertainment
            Payment to CIC EDUCATION PLAN                                    | -3000 | insurance
            """)
    void recognisesCommonMobileMoneyOperations(String description, String amount, String category) {
        RawTransaction t = TestData.raw(UUID.randomUUID(), UUID.randomUUID(), "SXX0000001", amount, "KES",
                LocalDate.of(2024, 1, 1), description).build();

        Categorization c = BuiltInCategories.categorize(t);

        assertThat(c.category()).isEqualTo(category);
        assertThat(c.source()).isEqualTo(category.equals("uncategorized") ? CategorySource.NONE : CategorySource.BUILT_IN);
    }
}
