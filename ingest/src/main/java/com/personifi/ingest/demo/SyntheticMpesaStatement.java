package com.personifi.ingest.demo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A realistic but entirely made-up M-Pesa personal statement: fake names, masked phone numbers, the real Details
 * grammar, Safaricom-style charges on their own rows, Fuliza overdrafts when the balance runs short, and a running
 * balance that adds up row by row. Same seed, same statement. Used by tests, the demo user and benchmarks.
 */
public final class SyntheticMpesaStatement {

    /** One CSV row; paidIn and withdrawn are positive, at most one of them set. */
    public record Row(String receipt, LocalDateTime completedAt, String details, String status, BigDecimal paidIn,
                      BigDecimal withdrawn, BigDecimal balance) {

        /** Signed movement: paid in positive, withdrawn negative. */
        public BigDecimal amount() {
            return paidIn != null ? paidIn : withdrawn.negate();
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] FIRST = {"WANJIKU", "OTIENO", "AKINYI", "KAMAU", "NJERI", "OCHIENG", "MUTUA",
            "CHEBET", "KIPROTICH", "WAMBUI", "ACHIENG", "MWANGI", "NYAMBURA", "KIBET", "AUMA", "JUMA", "ZAWADI"};
    private static final String[] LAST = {"KARIUKI", "ODHIAMBO", "MUTISO", "WEKESA", "NJOROGE", "OMONDI", "KOECH",
            "MWENDE", "OTIENO", "GITHINJI", "CHERUIYOT", "BARASA", "NDUNGU", "ATIENO", "KILONZO"};
    private static final String[][] MERCHANTS = {{"5995543", "NAIVAS SUPERMARKET"}, {"880100", "QUICKMART LTD"},
            {"522533", "CARREFOUR TWO RIVERS"}, {"7654321", "MAMA MBOGA STALL"}, {"4033120", "JAVA HOUSE"},
            {"839211", "TOTALENERGIES KENYA"}, {"5120450", "SUPER METRO SACCO"}, {"947310", "PROGAS DEALER"}};
    private static final String[][] PAYBILLS = {{"888880", "KPLC PREPAID"}, {"444400", "NAIROBI WATER"},
            {"290290", "SAFARICOM HOME FIBRE"}, {"522522", "KCB SCHOOL FEES"}, {"200222", "SHA CONTRIBUTIONS"},
            {"290059", "SPORTPESA"}};
    private static final String[][] AGENTS = {{"123456", "JANE SHOP"}, {"654321", "BARAKA AGENCIES"},
            {"345678", "UMOJA MOBILE POINT"}};

    private final List<Row> rows;

    private SyntheticMpesaStatement(List<Row> rows) {
        this.rows = rows;
    }

    /**
     * @param months              whole calendar months, starting with {@code from}
     * @param movementsPerMonth   customer actions per month (charges and overdrafts come on top)
     */
    public static SyntheticMpesaStatement generate(long seed, YearMonth from, int months, int movementsPerMonth) {
        return new Generator(new Random(seed), from, months, movementsPerMonth).run();
    }

    /**
     * Only the newest {@code count} rows, as the statement of a shorter period would list them: the running balance
     * still adds up row by row. For inputs of an exact number of rows.
     */
    public SyntheticMpesaStatement newest(int count) {
        if (count < 0 || count > rows.size()) {
            throw new IllegalArgumentException("The statement has " + rows.size() + " rows, not " + count);
        }
        return new SyntheticMpesaStatement(List.copyOf(rows.subList(rows.size() - count, rows.size())));
    }

    /** Oldest first. */
    public List<Row> rowsOldestFirst() {
        return Collections.unmodifiableList(rows);
    }

    public BigDecimal totalPaidIn(YearMonth month) {
        return rows.stream().filter(r -> YearMonth.from(r.completedAt()).equals(month) && r.paidIn() != null)
                .map(Row::paidIn).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalWithdrawn(YearMonth month) {
        return rows.stream().filter(r -> YearMonth.from(r.completedAt()).equals(month) && r.withdrawn() != null)
                .map(Row::withdrawn).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The CSV as M-Pesa exports it: header, then the newest row first. */
    public void writeCsv(Writer out) {
        try {
            out.write("Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance\n");
            for (int i = rows.size() - 1; i >= 0; i--) {
                Row r = rows.get(i);
                out.write(r.receipt() + "," + TIME.format(r.completedAt()) + "," + quote(r.details()) + ","
                        + r.status() + "," + money(r.paidIn()) + "," + money(r.withdrawn() == null ? null
                        : r.withdrawn().negate()) + "," + money(r.balance()) + "\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String toCsv() {
        StringWriter out = new StringWriter();
        writeCsv(out);
        return out.toString();
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** Amounts above 999 carry a thousands separator, as in real exports, so they are quoted. */
    private static String money(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        String formatted = String.format("%,.2f", amount);
        return formatted.contains(",") ? "\"" + formatted + "\"" : formatted;
    }

    private static final class Generator {
        private final Random random;
        private final YearMonth from;
        private final int months;
        private final int perMonth;
        private final List<Row> rows = new ArrayList<>();
        private BigDecimal balance;
        private long receiptCounter;

        Generator(Random random, YearMonth from, int months, int perMonth) {
            this.random = random;
            this.from = from;
            this.months = months;
            this.perMonth = perMonth;
            this.balance = BigDecimal.valueOf(500 + random.nextInt(4500)).setScale(2);
            this.receiptCounter = random.nextInt(1_000_000);
        }

        SyntheticMpesaStatement run() {
            for (int m = 0; m < months; m++) {
                YearMonth month = from.plusMonths(m);
                List<LocalDateTime> times = new ArrayList<>();
                for (int i = 0; i < perMonth; i++) {
                    times.add(month.atDay(1 + random.nextInt(month.lengthOfMonth()))
                            .atTime(6 + random.nextInt(16), random.nextInt(60), random.nextInt(60)));
                }
                Collections.sort(times);
                LocalDateTime payday = month.atDay(Math.min(25, month.lengthOfMonth())).atTime(9, 30, 0);
                boolean paid = false;
                for (LocalDateTime time : times) {
                    if (!paid && !time.isBefore(payday)) {
                        salary(payday);
                        paid = true;
                    }
                    movement(time);
                }
                if (!paid) {
                    salary(payday);
                }
            }
            return new SyntheticMpesaStatement(rows);
        }

        private void salary(LocalDateTime time) {
            BigDecimal amount = amount(35_000, 120_000, 100);
            paidIn(receipt(time), time, "Business Payment from 247247 - ACME KENYA LTD via API. Original conversation ID is "
                    + Long.toString(Math.abs(random.nextLong()), 36).toUpperCase(), amount);
        }

        private void movement(LocalDateTime time) {
            int pick = random.nextInt(100);
            if (pick < 12) {
                paidIn(receipt(time), time, "Funds received from - " + phone() + " " + name(), amount(100, 8_000, 50));
            } else if (pick < 30) {
                BigDecimal amount = amount(50, 5_000, 10);
                withCharge(time, "Customer Transfer to - " + phone() + " " + name(), amount, transferCharge(amount),
                        "Customer Transfer of Funds Charge");
            } else if (pick < 52) {
                String[] m = MERCHANTS[random.nextInt(MERCHANTS.length)];
                withdraw(receipt(time), time, "Merchant Payment to " + m[0] + " - " + m[1], amount(50, 6_000, 1));
            } else if (pick < 66) {
                String[] p = PAYBILLS[random.nextInt(PAYBILLS.length)];
                BigDecimal amount = amount(100, 9_000, 10);
                String details = "Pay Bill Online to " + p[0] + " - " + p[1] + " Acc. " + (10_000_000 + random.nextInt(89_999_999));
                if (random.nextBoolean()) {
                    withCharge(time, details, amount, payBillCharge(amount), "Pay Bill Charge");
                } else {
                    withdraw(receipt(time), time, details, amount);
                }
            } else if (pick < 80) {
                withdraw(receipt(time), time, random.nextBoolean() ? "Airtime Purchase" : "Buy Bundles Online",
                        amount(10, 1_000, 10));
            } else if (pick < 90) {
                String[] a = AGENTS[random.nextInt(AGENTS.length)];
                BigDecimal amount = amount(100, 10_000, 100);
                withCharge(time, "Customer Withdrawal At Agent Till " + a[0] + " - " + a[1], amount,
                        withdrawalCharge(amount), "Withdrawal Charge");
            } else if (pick < 95) {
                String[] a = AGENTS[random.nextInt(AGENTS.length)];
                paidIn(receipt(time), time, "Deposit of Funds at Agent Till " + a[0] + " - " + a[1], amount(200, 10_000, 100));
            } else {
                withdraw(receipt(time), time, "M-Shwari Deposit", amount(100, 3_000, 100));
            }
        }

        private void withCharge(LocalDateTime time, String details, BigDecimal amount, BigDecimal charge,
                                String chargeDetails) {
            String receipt = receipt(time);
            withdraw(receipt, time, details, amount);
            if (charge.signum() > 0) {
                withdraw(receipt, time, chargeDetails, charge);
            }
        }

        /** A payment the balance cannot cover is topped up by Fuliza first, under the same receipt. */
        private void withdraw(String receipt, LocalDateTime time, String details, BigDecimal amount) {
            if (balance.compareTo(amount) < 0) {
                BigDecimal shortfall = amount.subtract(balance);
                balance = balance.add(shortfall);
                rows.add(new Row(receipt, time, "OverDraft of Credit Party", "Completed", shortfall, null, balance));
            }
            balance = balance.subtract(amount);
            rows.add(new Row(receipt, time, details, "Completed", null, amount, balance));
        }

        private void paidIn(String receipt, LocalDateTime time, String details, BigDecimal amount) {
            balance = balance.add(amount);
            rows.add(new Row(receipt, time, details, "Completed", amount, null, balance));
        }

        /** Receipts look like Safaricom's: a letter for the year, one for the month, then eight more characters. */
        private String receipt(LocalDateTime time) {
            char year = (char) ('A' + Math.floorMod(time.getYear() - 2006, 26));
            char month = (char) ('A' + time.getMonthValue() - 1);
            String tail = Long.toString(receiptCounter++, 36).toUpperCase();
            StringBuilder digits = new StringBuilder("S").append(year).append(month);
            while (digits.length() + tail.length() < 10) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            return digits.append(tail).substring(0, 10);
        }

        private BigDecimal amount(int min, int max, int step) {
            int steps = (max - min) / step;
            return BigDecimal.valueOf(min + (long) random.nextInt(steps + 1) * step).setScale(2, RoundingMode.UNNECESSARY);
        }

        private String phone() {
            return "2547*****" + String.format("%03d", random.nextInt(1000));
        }

        private String name() {
            return FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
        }
    }

    // Safaricom-like tariff bands (customer-to-customer transfers, agent withdrawals, paybill charges)
    static BigDecimal transferCharge(BigDecimal amount) {
        return band(amount, new int[] {100, 500, 1_000, 1_500, 2_500, 3_500, 5_000, 7_500, 10_000, 250_000},
                new int[] {0, 7, 13, 23, 33, 53, 57, 78, 90, 108});
    }

    static BigDecimal withdrawalCharge(BigDecimal amount) {
        return band(amount, new int[] {2_500, 3_500, 5_000, 7_500, 10_000, 15_000, 250_000},
                new int[] {29, 52, 69, 87, 115, 167, 309});
    }

    static BigDecimal payBillCharge(BigDecimal amount) {
        return band(amount, new int[] {100, 500, 1_000, 1_500, 2_500, 3_500, 5_000, 7_500, 10_000, 250_000},
                new int[] {0, 5, 10, 15, 20, 25, 34, 42, 48, 57});
    }

    private static BigDecimal band(BigDecimal amount, int[] upTo, int[] charge) {
        for (int i = 0; i < upTo.length; i++) {
            if (amount.compareTo(BigDecimal.valueOf(upTo[i])) <= 0) {
                return BigDecimal.valueOf(charge[i]).setScale(2);
            }
        }
        return BigDecimal.valueOf(charge[charge.length - 1]).setScale(2);
    }

    /** First day of the statement's period, handy for callers that want "the last N months". */
    public static YearMonth monthsBefore(LocalDate today, int months) {
        return YearMonth.from(today).minusMonths(months - 1L);
    }
}
