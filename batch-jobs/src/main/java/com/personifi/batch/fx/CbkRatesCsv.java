package com.personifi.batch.fx;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Central Bank of Kenya historical rates ({@code Date,Currency,Mean,Buy,Sell}, headerless). Most rows price a foreign
 * currency in KES ("US DOLLAR" 101.28: 1 USD = 101.28 KES); "KES / USHS" rows price KES in the other currency
 * (1 KES = 33.64 UGX); "JPY (100)" prices a hundred yen. The mean rate is used.
 */
public final class CbkRatesCsv {

    public static final String SOURCE = "CBK";
    private static final Logger log = LoggerFactory.getLogger(CbkRatesCsv.class);
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT));

    /** CBK's labels, normalized (upper case, single spaces, no spaces around '/'), to ISO codes. */
    private static final Map<String, String> PRICED_IN_KES = Map.ofEntries(
            Map.entry("US DOLLAR", "USD"), Map.entry("EURO", "EUR"), Map.entry("STG POUND", "GBP"),
            Map.entry("S FRANC", "CHF"), Map.entry("CAN $", "CAD"), Map.entry("AUSTRALIAN $", "AUD"),
            Map.entry("CHINESE YUAN", "CNY"), Map.entry("SAUDI RIYAL", "SAR"), Map.entry("SINGAPORE DOLLAR", "SGD"),
            Map.entry("SINGAPORE $", "SGD"), Map.entry("HONGKONG DOLLAR", "HKD"), Map.entry("IND RUPEE", "INR"),
            Map.entry("DAN KRONER", "DKK"), Map.entry("NOR KRONER", "NOK"), Map.entry("SW KRONER", "SEK"),
            Map.entry("AE DIRHAM", "AED"), Map.entry("SA RAND", "ZAR"), Map.entry("JPY (100)", "JPY"));
    private static final Map<String, String> KES_PRICED_IN = Map.of(
            "KES/USHS", "UGX", "KES/TSHS", "TZS", "KES/RWF", "RWF", "KES/BIF", "BIF");

    private CbkRatesCsv() {
    }

    /** One rate per pair and day: CBK files repeat rows, and the last one published wins. */
    public static List<PublishedRate> read(Reader reader) {
        Map<String, PublishedRate> rates = new LinkedHashMap<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get().parse(reader)) {
            for (CSVRecord record : parser) {
                parse(record).ifPresent(r -> rates.put(r.base() + "|" + r.quote() + "|" + r.date(), r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CBK rates", e);
        }
        return new ArrayList<>(rates.values());
    }

    private static Optional<PublishedRate> parse(CSVRecord record) {
        if (record.size() < 3) {
            log.warn("CBK line {}: expected Date,Currency,Mean; skipped", record.getRecordNumber());
            return Optional.empty();
        }
        String label = record.get(1).toUpperCase(Locale.ROOT).replaceAll("\\s*/\\s*", "/").replaceAll("\\s+", " ");
        Optional<LocalDate> date = date(record.get(0));
        BigDecimal mean;
        try {
            mean = new BigDecimal(record.get(2));
        } catch (NumberFormatException e) {
            mean = null;
        }
        if (date.isEmpty() || mean == null || mean.signum() <= 0) {
            log.warn("CBK line {}: unreadable date or rate; skipped", record.getRecordNumber());
            return Optional.empty();
        }
        BigDecimal rate = mean.setScale(10, RoundingMode.HALF_EVEN);
        if (PRICED_IN_KES.containsKey(label)) {
            String code = PRICED_IN_KES.get(label);
            if (label.endsWith("(100)")) {
                rate = mean.divide(BigDecimal.valueOf(100)).setScale(10, RoundingMode.HALF_EVEN);
            }
            return Optional.of(new PublishedRate(code, "KES", date.get(), rate, SOURCE));
        }
        if (KES_PRICED_IN.containsKey(label)) {
            return Optional.of(new PublishedRate("KES", KES_PRICED_IN.get(label), date.get(), rate, SOURCE));
        }
        log.warn("CBK line {}: unknown currency label '{}'; skipped", record.getRecordNumber(), record.get(1));
        return Optional.empty();
    }

    private static Optional<LocalDate> date(String text) {
        for (DateTimeFormatter format : DATES) {
            try {
                return Optional.of(LocalDate.parse(text, format));
            } catch (DateTimeParseException e) {
                // next layout
            }
        }
        return Optional.empty();
    }
}
