package io.policyledger.app.tls;

import io.policyledger.core.net.IpAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's own TLS certificate: self-signed (clients trust exactly it), valid for localhost, the loopback
 * addresses and any configured names, made on first start and kept in {@code <data-dir>/tls}:
 * {@code server.p12} (key and certificate, readable by the owner only), {@code keystore-password}, and
 * {@code ca.crt} (the certificate alone, for clients: kubeconfig, curl's CURL_CA_BUNDLE).
 */
final class ServerCertificate {

    static final String KEYSTORE = "server.p12";
    static final String PASSWORD = "keystore-password";
    static final String CA = "ca.crt";
    static final String ALIAS = "policy-ledger";

    private ServerCertificate() {}

    static void ensure(Path dir, List<String> hostnames) {
        if (Files.exists(dir.resolve(KEYSTORE))
                && Files.exists(dir.resolve(PASSWORD))
                && Files.exists(dir.resolve(CA))) {
            return;
        }
        try {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = selfSigned(pair, hostnames);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, pair.getPrivate(), password.toCharArray(), new X509Certificate[] {certificate});
            Path keystore = privateFile(dir, KEYSTORE);
            try (OutputStream out = Files.newOutputStream(keystore)) {
                store.store(out, password.toCharArray());
            }
            Files.writeString(privateFile(dir, PASSWORD), password, StandardCharsets.UTF_8);
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(certificate);
            }
            Path ca = Files.createTempFile(
                    dir,
                    ".ca",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
            Files.writeString(ca, pem.toString(), StandardCharsets.UTF_8);
            Files.move(ca, dir.resolve(CA), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the server's TLS certificate in " + dir, e);
        }
    }

    static String password(Path dir) throws IOException {
        return Files.readString(dir.resolve(PASSWORD), StandardCharsets.UTF_8).trim();
    }

    private static X509Certificate selfSigned(KeyPair pair, List<String> hostnames)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500Name("CN=policy-ledger");
        Instant now = Instant.now();
        List<GeneralName> names = new ArrayList<>(List.of(
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")));
        for (String host : hostnames) {
            names.add(new GeneralName(
                    IpAddress.parse(host).isPresent() ? GeneralName.iPAddress : GeneralName.dNSName, host));
        }
        String local = InetAddress.getLocalHost().getHostName();
        if (!local.isBlank() && !local.equals("localhost") && !hostnames.contains(local)) {
            names.add(new GeneralName(GeneralName.dNSName, local));
        }
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                new BigInteger(127, new SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(3650))),
                name,
                pair.getPublic());
        // A plain leaf: trusting it (kubeconfig, curl) trusts this server only, never certificates it could sign.
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(
                Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    private static Path privateFile(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.deleteIfExists(file);
        return Files.createFile(
                file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
