package com.personifi.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * The EC P-256 key that signs access tokens, and its key id (the {@code kid} header), so keys can rotate: tokens are
 * checked against the key their {@code kid} names, the current one or a retired one still listed in
 * {@code personifi.auth.previous-keys}.
 */
@Component
public class SigningKeys {

    private final String keyId;
    private final PrivateKey privateKey;
    private final Map<String, PublicKey> verificationKeys;

    public SigningKeys(AuthSettings settings) {
        KeyMaterial material = load(settings);
        this.keyId = material.keyId();
        this.privateKey = material.keys().getPrivate();
        Map<String, PublicKey> keys = new HashMap<>(previousKeys(settings.previousKeys()));
        keys.put(keyId, material.keys().getPublic());
        this.verificationKeys = Map.copyOf(keys);
    }

    /** {@code kid=base64X509,kid=base64X509}: retired keys whose tokens may still be in flight. */
    private static Map<String, PublicKey> previousKeys(String list) {
        Map<String, PublicKey> keys = new HashMap<>();
        if (list == null || list.isBlank()) {
            return keys;
        }
        for (String entry : list.split(",")) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalStateException("personifi.auth.previous-keys entries are kid=base64 X.509 key");
            }
            keys.put(entry.substring(0, equals).strip(), decodePublic(entry.substring(equals + 1)));
        }
        return keys;
    }

    private static PublicKey decodePublic(String publicX509) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(publicX509.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A previous token key is not a base64 X.509 EC public key", e);
        }
    }

    private record KeyMaterial(String keyId, KeyPair keys) {
    }

    private static KeyMaterial load(AuthSettings settings) {
        if (settings.signingKey() != null && !settings.signingKey().isBlank()) {
            if (settings.keyId() == null || settings.keyId().isBlank()) {
                throw new IllegalStateException("personifi.auth.key-id (PERSONIFI_AUTH_KEY_ID) is required with a signing key");
            }
            if (settings.verificationKey() == null || settings.verificationKey().isBlank()) {
                throw new IllegalStateException("personifi.auth.verification-key (PERSONIFI_AUTH_VERIFICATION_KEY) is required with a signing key");
            }
            return new KeyMaterial(settings.keyId(), decode(settings.signingKey(), settings.verificationKey()));
        }
        if (settings.requireConfiguredKey()) {
            throw new IllegalStateException("No token signing key: set PERSONIFI_AUTH_SIGNING_KEY and PERSONIFI_AUTH_KEY_ID");
        }
        if (settings.devKeyFile() != null && !settings.devKeyFile().isBlank()) {
            return devKey(Path.of(settings.devKeyFile()));
        }
        return new KeyMaterial("ephemeral-" + UUID.randomUUID(), generate());
    }

    /** A development key made once and kept, so local tokens survive a restart. Lines: kid, PKCS#8, X.509. */
    private static KeyMaterial devKey(Path file) {
        try {
            if (Files.exists(file)) {
                ownerOnly(file);
                String[] lines = Files.readString(file).strip().split("\n");
                return new KeyMaterial(lines[0].strip(), decode(lines[1], lines[2]));
            }
            KeyPair keys = generate();
            String keyId = "dev-" + UUID.randomUUID();
            Files.createDirectories(file.toAbsolutePath().getParent());
            // created owner-only before the key is written into it
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Base64.Encoder base64 = Base64.getEncoder();
            Files.writeString(file, keyId + "\n" + base64.encodeToString(keys.getPrivate().getEncoded()) + "\n"
                    + base64.encodeToString(keys.getPublic().getEncoded()) + "\n");
            return new KeyMaterial(keyId, keys);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the development signing key " + file, e);
        }
    }

    /** A private key file readable by its owner only, where the file system can say so. */
    private static void ownerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is not available", e);
        }
    }

    private static KeyPair decode(String privatePkcs8, String publicX509) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            Base64.Decoder base64 = Base64.getDecoder();
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(privatePkcs8.strip())));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(base64.decode(publicX509.strip())));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The token keys are not a base64 PKCS#8 EC private key and X.509 public key", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** The key that verifies tokens signed under {@code kid}, if that key is current or still accepted. */
    Optional<PublicKey> verificationKey(String kid) {
        return kid == null ? Optional.empty() : Optional.ofNullable(verificationKeys.get(kid));
    }
}
