package io.policyledger.app.api.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policyledger.app.api.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The review bodies kubectl auth can-i sends, encoded here field by field as Kubernetes encodes them. */
class KubernetesProtobufTest {

    @Test
    void aSelfSubjectAccessReviewIsReadFromItsEnvelope() {
        byte[] attributes =
                concat(text(1, "shop"), text(2, "create"), text(3, "networking.k8s.io"), text(5, "networkpolicies"));
        byte[] spec = message(1, attributes);
        byte[] review = concat(message(1, new byte[0]), message(2, spec));
        byte[] typeMeta = concat(text(1, "authorization.k8s.io/v1"), text(2, "SelfSubjectAccessReview"));
        byte[] envelope = concat(
                new byte[] {'k', '8', 's', 0},
                message(1, typeMeta),
                message(2, review),
                text(4, "application/vnd.kubernetes.protobuf"));

        KubernetesProtobuf.Message ra = KubernetesProtobuf.unwrap(envelope, "SelfSubjectAccessReview")
                .message(2)
                .message(1);

        assertThat(ra.string(1)).isEqualTo("shop");
        assertThat(ra.string(2)).isEqualTo("create");
        assertThat(ra.string(3)).isEqualTo("networking.k8s.io");
        assertThat(ra.string(5)).isEqualTo("networkpolicies");
        assertThat(ra.string(7)).isEmpty();
    }

    @Test
    void aBodyWithoutTheMagicOrTruncatedOrOfAnotherKindIsABadRequest() {
        assertThatThrownBy(() ->
                        KubernetesProtobuf.unwrap("{}".getBytes(StandardCharsets.UTF_8), "SelfSubjectAccessReview"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("magic");
        byte[] truncated = concat(new byte[] {'k', '8', 's', 0}, new byte[] {0x12, 0x7f, 0x01});
        assertThatThrownBy(() -> KubernetesProtobuf.unwrap(truncated, "SelfSubjectAccessReview"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("malformed");
        byte[] huge = concat(
                new byte[] {'k', '8', 's', 0},
                new byte[] {0x0a, (byte) 0xfd, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07});
        assertThatThrownBy(() -> KubernetesProtobuf.unwrap(huge, "SelfSubjectAccessReview"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("truncated");
        byte[] other = concat(new byte[] {'k', '8', 's', 0}, message(1, text(2, "Secret")));
        assertThatThrownBy(() -> KubernetesProtobuf.unwrap(other, "SelfSubjectAccessReview"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("Secret");
    }

    private static byte[] text(int field, String value) {
        return message(field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] message(int field, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (field << 3) | 2);
        varint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
