package org.modelops.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/** Ed25519 signatures over checkpoint payloads, with the JDK's own provider. */
public final class CheckpointSigner {

    private final String keyId;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    public CheckpointSigner(String keyId, PrivateKey privateKey, PublicKey publicKey) {
        this.keyId = keyId;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** From base64 PKCS#8 (private) and X.509 SubjectPublicKeyInfo (public) encodings. */
    public static CheckpointSigner fromBase64(String keyId, String privateKeyPkcs8, String publicKeyX509) {
        try {
            var factory = KeyFactory.getInstance("Ed25519");
            return new CheckpointSigner(keyId,
                    factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(privateKeyPkcs8))),
                    publicKey(publicKeyX509));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the audit signing key is not a base64 Ed25519 key pair", e);
        }
    }

    public static PublicKey publicKey(String x509Base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(x509Base64.trim())));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a base64 Ed25519 public key", e);
        }
    }

    /** Prints a new key pair for configuration: key id, private (PKCS#8) and public (X.509) key in base64. */
    public static String[] newKeyPair() throws GeneralSecurityException {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var encoder = Base64.getEncoder();
        return new String[]{encoder.encodeToString(pair.getPrivate().getEncoded()),
                encoder.encodeToString(pair.getPublic().getEncoded())};
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(publicKey.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    public Checkpoint sign(long sequence, String hash, Instant signedAt) {
        var unsigned = new Checkpoint(sequence, hash, CanonicalForm.truncate(signedAt), keyId, null);
        try {
            var signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(unsigned.payload().getBytes(StandardCharsets.UTF_8));
            return new Checkpoint(sequence, hash, unsigned.signedAt(), keyId,
                    Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
    }

    public static boolean verify(Checkpoint checkpoint, PublicKey key) {
        try {
            var signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(checkpoint.payload().getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
