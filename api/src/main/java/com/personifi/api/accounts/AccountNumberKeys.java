package com.personifi.api.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import com.personifi.schemas.accounts.AccountNumberCipher;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The account-number cipher, from the environment's keys, a kept development key, or (in tests) a fresh one. */
@Configuration(proxyBeanMethods = false)
class AccountNumberKeys {

    @Bean
    AccountNumberCipher accountNumberCipher(AccountNumberSettings settings) {
        if (settings.numberKeys() != null && !settings.numberKeys().isBlank()) {
            if (isBlank(settings.numberKeyId()) || isBlank(settings.numberIndexKey())) {
                throw new IllegalStateException("PERSONIFI_ACCOUNTS_NUMBER_KEY_ID and PERSONIFI_ACCOUNTS_NUMBER_INDEX_KEY "
                        + "are required with PERSONIFI_ACCOUNTS_NUMBER_KEYS");
            }
            return AccountNumberCipher.fromConfiguration(settings.numberKeyId(), settings.numberKeys(),
                    settings.numberIndexKey(), settings.numberPreviousIndexKeys());
        }
        if (settings.requireConfiguredKeys()) {
            throw new IllegalStateException("No account-number keys: set PERSONIFI_ACCOUNTS_NUMBER_KEYS, "
                    + "PERSONIFI_ACCOUNTS_NUMBER_KEY_ID and PERSONIFI_ACCOUNTS_NUMBER_INDEX_KEY");
        }
        if (!isBlank(settings.devKeyFile())) {
            return devKeys(Path.of(settings.devKeyFile()));
        }
        String id = "ephemeral-" + UUID.randomUUID().toString().substring(0, 8);
        LoggerFactory.getLogger(AccountNumberKeys.class).warn("No account-number keys configured: numbers stored by "
                + "this process ({}) cannot be read after it stops; set PERSONIFI_ACCOUNTS_NUMBER_KEYS", id);
        return AccountNumberCipher.fromConfiguration(id, id + "=" + AccountNumberCipher.newKey(),
                AccountNumberCipher.newKey());
    }

    /** Development keys made once and kept, so numbers stored locally stay readable. Lines: id, key, index key. */
    private static AccountNumberCipher devKeys(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                }
                String id = "dev-" + UUID.randomUUID().toString().substring(0, 8);
                Files.writeString(file, id + "\n" + AccountNumberCipher.newKey() + "\n" + AccountNumberCipher.newKey()
                        + "\n");
            }
            String[] lines = Files.readString(file).strip().split("\n");
            return AccountNumberCipher.fromConfiguration(lines[0].strip(), lines[0].strip() + "=" + lines[1].strip(),
                    lines[2]);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the development account-number keys " + file, e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
