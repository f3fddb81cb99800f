package io.policyledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.policyledger.app.testing.RunningApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's tour exactly as written (the shell blocks between the tour markers) against the
 * service started as the README's first command starts it: embedded PostgreSQL, data in ./data.
 */
class ReadmeTourIT {

    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theToursCommandsWorkAsWritten() throws Exception {
        for (String tool : List.of("bash", "curl", "jq", "psql", "kubectl")) {
            assumeTrue(onPath(tool), tool + " is needed to run the README tour (.ci/run installs it)");
        }
        String script = tourScript();
        Path work = Files.createTempDirectory("pl-tour");
        try (RunningApp app =
                RunningApp.startWith(List.of("--server.port=0", "--policy-ledger.data-dir=" + work.resolve("data")))) {
            ProcessBuilder shell = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                    .directory(work.toFile())
                    .redirectErrorStream(true);
            shell.environment().put("PL", app.api().uri("").toString());
            Process process = shell.start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("tour finished in time")
                    .isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output)
                    .contains("\"NamespaceList\"\n401\n\"payments\"\n")
                    .contains("{\"kubernetes.io/metadata.name\":\"shop\",\"policyledger.io/tenant\":\"payments\","
                            + "\"team\":\"payments\"}")
                    .contains("{\"name\":\"web-1\",\"resourceVersion\":\"5\"}")
                    .contains("{\"name\":\"db-1\",\"resourceVersion\":\"6\"}\n403\n")
                    .contains(
                            "{\"name\":\"web-1\",\"podIP\":\"10.0.0.10\"}\n{\"name\":\"db-1\",\"podIP\":\"10.0.0.20\"}\n")
                    .contains("{\"protocol\":\"TCP\",\"port\":\"pg\"}")
                    .contains("{\"isolated\":true,\"from\":[\"web-1\"],\"ports\":[5432]}\n")
                    .contains("shop/web-1 may reach shop/db-1 on TCP 5432\n"
                            + "pod shop/db-1 is isolated for ingress by policies [shop/db-from-web]; none admits pod "
                            + "shop/web-1 on TCP 22\n")
                    .contains("{\"from\":\"shop/web-1\",\"to\":\"shop/db-1\",\"protocol\":\"TCP\",\"port\":5432,"
                            + "\"before\":\"allowed\",\"after\":\"denied\"}\n")
                    .contains("[\"ADDED\",\"PodRules\",\"db-1\"]\n[\"ADDED\",\"PodRules\",\"web-1\"]\n"
                            + "[\"BOOKMARK\",\"NodeRules\",\"node-1\"]\ntrue\n")
                    .containsPattern("revision \\d+ is enforced on 1 of 1 nodes\n")
                    .contains("\nweb-1\n")
                    .contains("\"tier\":\"gold\"}\nConflict\n")
                    .contains("spec.ingress[0].ports[0].port")
                    .contains("spec.ingress[0].ports[0].protocol")
                    .contains("\n404\nNotFound\n[]\n")
                    .contains("{\"who\":\"agent-1\",\"name\":\"web-1\",\"diff\":[{\"path\":\"/status/podIP\","
                            + "\"after\":\"10.0.0.10\"}]}\n")
                    .containsPattern("\\{\"revision\":\"\\d+\",\"isolated\":false}\n"
                            + "\\{\"revision\":\"\\d+\",\"isolated\":true}\n")
                    .containsPattern("the log's \\d+ events match their links and all \\d+ signed checkpoints\n")
                    .containsPattern("networkpolicies/shop/db-from-web +\\| io.policyledger.core.networkpolicy"
                            + ".NetworkPolicyCreated +\\| alice")
                    .contains("(13 rows)")
                    .contains("networkpolicy.networking.k8s.io/web-from-lb created\n")
                    .containsPattern(
                            "NAME +POD-SELECTOR +AGE +POLICY-TYPES\n(.*\n)*web-from-lb +app=web +\\S+ +Ingress\n")
                    .contains("-    - port: 8080\n+    - port: 8443\n")
                    .containsPattern("  cidr\t<string> -required-|  cidr\t<string>")
                    .containsPattern("MODIFIED +web-from-lb +app=web")
                    .contains("\nyes\n")
                    .contains("clusternetworkpolicy.policy.networking.k8s.io/no-ssh created\n"
                            + "clusternetworkpolicy.policy.networking.k8s.io/stay-inside created\n")
                    .containsPattern("NAME +TIER +PRIORITY +AGE\nno-ssh +Admin +10 +\\S+\nstay-inside +Baseline +100")
                    .contains("[false,\"[Baseline] stay-inside (priority 100, rule 1) Accept\","
                            + "\"[Admin] no-ssh (priority 10, rule \\\"ssh\\\") Deny\"]\n"
                            + "[true,\"[Baseline] stay-inside (priority 100, rule 1) Accept\","
                            + "\"[NetworkPolicy] shop/db-from-web Accept\"]\n"
                            + "[false,\"[Baseline] stay-inside (priority 100, rule 2) Deny\",null]\n");
        }
    }

    private static String tourScript() throws IOException {
        String readme = Files.readString(readme());
        int begin = readme.indexOf("<!-- tour:begin -->");
        int end = readme.indexOf("<!-- tour:end -->");
        assertThat(begin).as("tour markers in README.md").isPositive().isLessThan(end);
        Matcher blocks = SH_BLOCK.matcher(readme.substring(begin, end));
        StringBuilder script = new StringBuilder();
        while (blocks.find()) {
            script.append(blocks.group(1)).append('\n');
        }
        assertThat(script).as("shell blocks in the tour").isNotEmpty();
        return script.toString();
    }

    private static Path readme() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("README.md")) && Files.exists(p.resolve("mvnw"))) {
                return p.resolve("README.md");
            }
        }
        throw new IllegalStateException("README.md not found above " + here);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
