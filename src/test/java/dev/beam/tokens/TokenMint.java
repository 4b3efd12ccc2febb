package dev.beam.tokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints Beam's access tokens: {@code bin/token} runs this file as a single-file program (JDK
 * classes only, so no build is needed), and the tests call it. HS256 with the secret in
 * {@code TOKEN_SECRET}, or RS256 / ES256 with a PKCS#8 PEM private key ({@code --key FILE}).
 */
public final class TokenMint {
    private static final String USAGE = """
            usage: bin/token --room ROOM [--role broadcaster|viewer] [--ttl SECONDS] [--subject NAME]
                             [--issuer ISSUER] [--key PRIVATE_KEY.pem]
              --room     a room name, or a pattern with '*' (team-*, *)
              --role     broadcaster (may also watch; the default) or viewer
              --ttl      seconds until it expires (default 3600)
              --subject  who it is for (the 'sub' claim, shown in the server's log)
              --issuer   the 'iss' claim (default: TOKEN_ISSUER, else 'beam')
              --key      an RSA (RS256) or EC P-256 (ES256) private key, PKCS#8 PEM; without it
                         HS256 with the secret in the environment variable TOKEN_SECRET
            Prints the token.""";

    private TokenMint() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                fail("expected --option value, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        String room = options.remove("room");
        String role = options.getOrDefault("role", "broadcaster");
        options.remove("role");
        long ttl = Long.parseLong(options.getOrDefault("ttl", "3600"));
        options.remove("ttl");
        String issuer = options.containsKey("issuer") ? options.remove("issuer")
                : System.getenv().getOrDefault("TOKEN_ISSUER", "beam");
        String subject = options.remove("subject");
        String keyFile = options.remove("key");
        if (room == null || !options.isEmpty() || !role.equals("broadcaster") && !role.equals("viewer") || ttl < 1) {
            fail(options.isEmpty() ? "" : "unknown option --" + options.keySet().iterator().next());
        }
        String claims = claims(issuer, subject, room, role, Instant.now().plusSeconds(ttl));
        if (keyFile != null) {
            PrivateKey key = privateKey(Files.readString(Path.of(keyFile)));
            System.out.println(signed(key.getAlgorithm().equals("EC") ? "ES256" : "RS256", key, claims));
        } else {
            String secret = System.getenv("TOKEN_SECRET");
            if (secret == null || secret.isBlank()) {
                fail("set TOKEN_SECRET (the server's HS256 secret) or give --key");
            }
            System.out.println(hs256(secret, claims));
        }
    }

    /** The claims as JSON, in the names the server reads: iss, sub, room, role, exp. */
    public static String claims(String issuer, String subject, String room, String role, Instant expiry) {
        StringBuilder json = new StringBuilder("{\"iss\":").append(quoted(issuer));
        if (subject != null) {
            json.append(",\"sub\":").append(quoted(subject));
        }
        return json.append(",\"room\":").append(quoted(room)).append(",\"role\":").append(quoted(role))
                .append(",\"iat\":").append(Instant.now().getEpochSecond())
                .append(",\"exp\":").append(expiry.getEpochSecond()).append('}').toString();
    }

    /** An HS256 token (RFC 7518 section 3.2) of these claims. */
    public static String hs256(String secret, String claims) throws GeneralSecurityException {
        String signingInput = part(header("HS256")) + "." + part(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "." + encode(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /** An RS256 or ES256 token; ES256 signatures are R and S concatenated (RFC 7518 section 3.4). */
    public static String signed(String algorithm, PrivateKey key, String claims) throws GeneralSecurityException {
        String signingInput = part(header(algorithm)) + "." + part(claims);
        Signature signature = Signature.getInstance(
                algorithm.equals("ES256") ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + encode(signature.sign());
    }

    /** A token header naming this algorithm. */
    public static String header(String algorithm) {
        return "{\"alg\":" + quoted(algorithm) + ",\"typ\":\"JWT\"}";
    }

    /** One base64url part (no padding, RFC 7515 section 2) of this JSON. */
    public static String part(String json) {
        return encode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        try {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (GeneralSecurityException notEc) {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        }
    }

    private static String quoted(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private static void fail(String problem) {
        if (!problem.isEmpty()) {
            System.err.println("bin/token: " + problem);
        }
        System.err.println(USAGE);
        System.exit(2);
    }
}
