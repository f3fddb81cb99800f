package io.policyledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.Bodies;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The stock kubectl against the server, as a tenant admin or platform team would use it: manifests from
 * {@code src/test/resources/kubectl}, the kubeconfig the server writes, kubectl's defaults (strict
 * validation on the server). Each step asserts what kubectl prints and what the server then holds.
 *
 * <p>The steps share one server with the tenants {@code shop} and {@code bank}; each works in namespaces
 * of its own (the manifests' {@code shop} renamed), so they pass in any order and alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlIT {

    private RunningApp app;
    private Path work;
    private Path adminConfig;
    private Path shopAdminConfig;

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeAll
    void start() throws IOException {
        assumeTrue(onPath("kubectl"), "kubectl is not on PATH: KubectlIT needs it (.ci/run has it on these machines)");
        app = RunningApp.start(TestDatabase.createDatabase());
        work = Files.createTempDirectory("pl-kubectl");
        adminConfig = app.dataDir().resolve("admin.kubeconfig");
        for (String manifest : List.of("team-namespace.yaml", "admin-deny.yaml")) {
            Files.copy(resource(manifest), work.resolve(manifest));
        }
        created(app.api().post("/apis/policyledger.io/v1/tenants", Bodies.tenant("shop")));
        created(app.api().post("/apis/policyledger.io/v1/tenants", Bodies.tenant("bank")));
        created(app.api().post("/api/v1/namespaces", Bodies.namespaceOf("bank", "bank", "{}")));
        String token = app.mint("shop", "tenant-admin", "alice");
        shopAdminConfig = work.resolve("shop-admin.kubeconfig");
        Files.writeString(
                shopAdminConfig,
                Files.readString(adminConfig).replaceAll("(?m)^(\\s*token:\\s*)\\S+\\s*$", "$1" + token));
    }

    /** A namespace of the tenant shop, for one step. */
    private String shopNamespace(String name, String labelsJson) {
        created(app.api().post("/api/v1/namespaces", Bodies.namespaceOf("shop", name, labelsJson)));
        return name;
    }

    /** A manifest of {@code src/test/resources/kubectl} with its objects moved to {@code namespace}. */
    private String manifest(String name, String namespace) {
        return manifest(name, namespace, Map.of("namespace: shop", "namespace: " + namespace));
    }

    /** A manifest with {@code replacements} made, written for kubectl as {@code <tag>-<name>}. */
    private String manifest(String name, String tag, Map<String, String> replacements) {
        try {
            String text = Files.readString(resource(name));
            for (Map.Entry<String, String> r : replacements.entrySet()) {
                text = text.replace(r.getKey(), r.getValue());
            }
            String file = tag + "-" + name;
            Files.writeString(work.resolve(file), text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void created(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private void applied(String file) {
        Result applied = admin("apply", "-f", file);
        assertThat(applied.exit()).as(applied.all()).isZero();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void discoveryNamesEveryGroupAndResource() {
        assertThat(admin("api-versions").out().lines().toList())
                .contains("v1", "networking.k8s.io/v1", "net.alpha.kubernetes.io/v1alpha1", "policyledger.io/v1");
        String resources = admin("api-resources").out();
        assertThat(resources)
                .containsPattern("networkpolicies\\s+netpol\\s+networking.k8s.io/v1\\s+true\\s+NetworkPolicy")
                .containsPattern("namespaces\\s+ns\\s+v1\\s+false\\s+Namespace")
                .containsPattern("effectiverules\\s+er\\s+policyledger.io/v1\\s+true\\s+EffectiveRules");
        assertThat(admin("get", "--raw", "/version").out()).contains("\"major\":\"1\"");
    }

    @Test
    void createAndApplyManifestsWithServerSideValidation() {
        // Tenants of its own (the fixture's shop and bank renamed), created as a platform team would.
        Map<String, String> names = Map.of("shop", "store", "bank", "vault");
        Result tenants = admin("create", "-f", manifest("tenants.yaml", "create", names));
        assertThat(tenants.exit()).as(tenants.all()).isZero();
        assertThat(tenants.out())
                .contains("tenant.policyledger.io/store created", "tenant.policyledger.io/vault created");
        assertThat(admin("apply", "-f", manifest("namespaces.yaml", "create", names))
                        .out())
                .contains("namespace/store created", "namespace/vault created");
        Result workload = admin("apply", "-f", manifest("workload.yaml", "store"));
        assertThat(workload.exit()).as(workload.all()).isZero();
        assertThat(workload.out()).contains("pod/db-1 created", "networkpolicy.networking.k8s.io/db-from-web created");

        ApiClient.Response stored =
                app.api().get("/apis/networking.k8s.io/v1/namespaces/store/networkpolicies/db-from-web");
        assertThat(stored.text("/spec/ingress/0/ports/0/port")).isEqualTo("pg");
        assertThat(stored.text("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration"))
                .contains("\"db-from-web\"");

        Result typo = admin("create", "-f", manifest("unknown-field.yaml", "store"));
        assertThat(typo.exit()).isNotZero();
        assertThat(typo.err()).contains("unknown field").contains("ingres");
        assertThat(app.api()
                        .get("/apis/networking.k8s.io/v1/namespaces/store/networkpolicies/typo")
                        .status())
                .isEqualTo(404);

        Result legacy = admin("apply", "-f", manifest("legacy.yaml", "store"));
        assertThat(legacy.exit()).as(legacy.all()).isZero();
        assertThat(admin("get", "networkpolicys.net.alpha.kubernetes.io", "-n", "store")
                        .out())
                .containsPattern("legacy-web\\s+app=web");
    }

    @Test
    void getPrintsTablesWithUsefulColumns() {
        String shop = shopNamespace("tables", "{\"team\":\"tables\"}");
        applied(manifest("workload.yaml", shop));
        assertThat(admin("get", "netpol", "-n", shop).out())
                .containsPattern("NAME\\s+POD-SELECTOR\\s+AGE\\n")
                .containsPattern("db-from-web\\s+app=db\\s+\\d+s");
        assertThat(admin("get", "netpol", "-n", shop, "-o", "wide").out())
                .containsPattern("POLICY-TYPES")
                .containsPattern("db-from-web\\s+app=db\\s+\\S+\\s+Ingress");
        assertThat(admin("get", "pods", "-A", "--show-labels").out())
                .containsPattern("NAMESPACE\\s+NAME\\s+NODE\\s+IP\\s+AGE\\s+LABELS")
                .containsPattern("tables\\s+db-1\\s+node-1\\s+<none>\\s+\\S+\\s+app=db");
        assertThat(admin("get", "ns", "-l", "team=tables", "-o", "name").out()).isEqualTo("namespace/tables\n");
        assertThat(admin(
                                "get",
                                "netpol",
                                "db-from-web",
                                "-n",
                                shop,
                                "-o",
                                "jsonpath={.spec.podSelector.matchLabels.app}")
                        .out())
                .isEqualTo("db");
        assertThat(admin("get", "netpol", "-n", shop, "--field-selector", "metadata.name=nothing")
                        .all())
                .contains("No resources found");
        assertThat(admin("describe", "netpol", "db-from-web", "-n", shop).out())
                .contains("PodSelector:     app=db")
                .contains("From:")
                .contains("app=web");
        assertThat(admin("explain", "networkpolicy.spec.ingress").out())
                .contains("FIELD: ingress <[]NetworkPolicyIngressRule>")
                .contains("from\t<[]NetworkPolicyPeer>")
                .contains("ports\t<[]NetworkPolicyPort>");
    }

    @Test
    void diffShowsTheChangeAndStoresNothingThenApplyConfiguresIt() {
        String shop = shopNamespace("diffs", "{}");
        applied(manifest("workload.yaml", shop));
        String v2 = manifest("workload-v2.yaml", shop);
        long events = app.eventCount();
        Result diff = admin("diff", "-f", v2);
        assertThat(diff.exit()).as(diff.all()).isEqualTo(1); // 1: there are differences
        assertThat(diff.out()).contains("+          app: backup").doesNotContain("impact");
        assertThat(app.eventCount()).isEqualTo(events);

        Result apply = admin("apply", "-f", v2);
        assertThat(apply.exit()).as(apply.all()).isZero();
        assertThat(apply.out())
                .contains("pod/db-1 unchanged", "networkpolicy.networking.k8s.io/db-from-web configured");
        assertThat(app.api()
                        .get("/apis/networking.k8s.io/v1/namespaces/diffs/networkpolicies/db-from-web")
                        .text("/spec/ingress/0/from/1/podSelector/matchLabels/app"))
                .isEqualTo("backup");
        assertThat(admin("diff", "-f", v2).exit()).isZero();
    }

    @Test
    void labelAnnotatePatchAndEditChangeTheStoredObject() throws IOException {
        String shop = shopNamespace("edits", "{}");
        applied(manifest("workload-v2.yaml", shop));
        String policy = "/apis/networking.k8s.io/v1/namespaces/edits/networkpolicies/db-from-web";
        assertThat(admin("label", "netpol", "db-from-web", "-n", shop, "tier=data")
                        .out())
                .contains("labeled");
        assertThat(admin("annotate", "netpol", "db-from-web", "-n", shop, "owner=alice")
                        .out())
                .contains("annotated");
        assertThat(admin(
                                "patch",
                                "netpol",
                                "db-from-web",
                                "-n",
                                shop,
                                "--type=merge",
                                "-p",
                                "{\"spec\":{\"policyTypes\":[\"Ingress\",\"Egress\"]}}")
                        .out())
                .contains("patched");
        assertThat(admin(
                                "patch",
                                "netpol",
                                "db-from-web",
                                "-n",
                                shop,
                                "--type=json",
                                "-p",
                                "[{\"op\":\"remove\",\"path\":\"/spec/ingress/0/from/1\"}]")
                        .out())
                .contains("patched");
        Result strategic = admin(
                "patch",
                "pod",
                "db-1",
                "-n",
                shop,
                "--type=strategic",
                "-p",
                "{\"spec\":{\"containers\":[{\"name\":\"exporter\",\"image\":\"exporter:1\"}]}}");
        assertThat(strategic.exit()).as(strategic.all()).isZero();

        ApiClient.Response stored = app.api().get(policy);
        assertThat(stored.text("/metadata/labels/tier")).isEqualTo("data");
        assertThat(stored.text("/metadata/annotations/owner")).isEqualTo("alice");
        assertThat(stored.json().at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
        assertThat(stored.json().at("/spec/ingress/0/from").size()).isEqualTo(1);
        List<String> containers = new ArrayList<>();
        app.api()
                .get("/api/v1/namespaces/edits/pods/db-1")
                .json()
                .at("/spec/containers")
                .forEach(c -> containers.add(c.path("name").asText()));
        assertThat(containers).containsExactly("postgres", "exporter");

        Path editor = work.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/app: db$/app: database/' \"$1\"\n");
        editor.toFile().setExecutable(true);
        Result edit =
                run(adminConfig, Map.of("KUBE_EDITOR", editor.toString()), "edit", "netpol", "db-from-web", "-n", shop);
        assertThat(edit.exit()).as(edit.all()).isZero();
        assertThat(edit.out()).contains("edited");
        assertThat(app.api().get(policy).text("/spec/podSelector/matchLabels/app"))
                .isEqualTo("database");
    }

    @Test
    void aTenantAdminSeesItsOwnNamespaceOnly() {
        String shop = shopNamespace("viewed", "{}");
        applied(manifest("workload.yaml", shop));
        assertThat(run(shopAdminConfig, Map.of(), "get", "netpol", "-n", shop).out())
                .contains("db-from-web");
        Result other = run(shopAdminConfig, Map.of(), "get", "netpol", "-n", "bank");
        assertThat(other.exit()).isNotZero();
        assertThat(other.err()).contains("NotFound").contains("namespaces \"bank\" not found");
        assertThat(run(shopAdminConfig, Map.of(), "get", "ns").out())
                .contains(shop)
                .doesNotContain("bank");
        Result applied = run(shopAdminConfig, Map.of(), "apply", "--server-side", "-f", "team-namespace.yaml");
        assertThat(applied.exit()).as(applied.all()).isZero();
        assertThat(app.api().get("/api/v1/namespaces/shop-staging").text("/metadata/labels/policyledger.io~1tenant"))
                .isEqualTo("shop");

        Result mayInShop = run(shopAdminConfig, Map.of(), "auth", "can-i", "create", "networkpolicies", "-n", shop);
        assertThat(mayInShop.exit()).isZero();
        assertThat(mayInShop.out()).isEqualTo("yes\n");
        Result mayInBank = run(shopAdminConfig, Map.of(), "auth", "can-i", "create", "networkpolicies", "-n", "bank");
        assertThat(mayInBank.exit()).isEqualTo(1);
        assertThat(mayInBank.out()).startsWith("no");
        assertThat(run(shopAdminConfig, Map.of(), "auth", "can-i", "create", "tenants")
                        .out())
                .startsWith("no");
        assertThat(admin("auth", "can-i", "create", "tenants").out()).isEqualTo("yes\n");
        assertThat(run(shopAdminConfig, Map.of(), "auth", "can-i", "--list", "-n", shop)
                        .out())
                .containsPattern(
                        "networkpolicies.networking.k8s.io\\s+\\[\\]\\s+\\[\\]\\s+\\[create delete get list patch update watch\\]")
                .doesNotContain("tenants.policyledger.io");
    }

    @Test
    void deleteByNameAndByFileWaitsUntilTheObjectsAreGone() {
        String shop = shopNamespace("deletes", "{}");
        applied(manifest("workload.yaml", shop));
        String legacy = manifest("legacy.yaml", shop);
        applied(legacy);
        Result byName = admin("delete", "networkpolicy", "db-from-web", "-n", shop);
        assertThat(byName.exit()).as(byName.all()).isZero();
        assertThat(byName.out()).contains("networkpolicy.networking.k8s.io \"db-from-web\" deleted");
        assertThat(app.api()
                        .get("/apis/networking.k8s.io/v1/namespaces/deletes/networkpolicies/db-from-web")
                        .status())
                .isEqualTo(404);
        Result byFile = admin("delete", "-f", legacy);
        assertThat(byFile.exit()).as(byFile.all()).isZero();
        assertThat(admin("get", "networkpolicys.net.alpha.kubernetes.io", "-n", shop)
                        .all())
                .contains("No resources found");
    }

    @Test
    void getWatchPrintsEachChangeAsARow() throws Exception {
        String shop = shopNamespace("watched", "{}");
        Path out = work.resolve("watch.out");
        Process watch = new ProcessBuilder(
                        "kubectl",
                        "--kubeconfig",
                        adminConfig.toString(),
                        "--cache-dir",
                        work.resolve("cache").toString(),
                        "get",
                        "netpol",
                        "-n",
                        shop,
                        "-w",
                        "--output-watch-events")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        try {
            Thread.sleep(2000); // the initial (empty) list, before the change
            app.api()
                    .post(
                            "/apis/networking.k8s.io/v1/namespaces/watched/networkpolicies",
                            io.policyledger.app.testing.Bodies.allowFrom("watched", "web"));
            app.api().delete("/apis/networking.k8s.io/v1/namespaces/watched/networkpolicies/watched");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            String printed = "";
            while (System.nanoTime() < deadline && !printed.contains("DELETED")) {
                Thread.sleep(200);
                printed = Files.readString(out);
            }
            assertThat(printed)
                    .containsPattern("EVENT\\s+NAME\\s+POD-SELECTOR\\s+AGE")
                    .containsPattern("ADDED\\s+watched\\s+app=web")
                    .containsPattern("DELETED\\s+watched");
        } finally {
            watch.destroyForcibly();
        }
    }

    @Test
    void serverSideApplyTracksOwnersAndAnotherManagersChangeConflictsUntilForced() {
        String shop = shopNamespace("applies", "{}");
        String platformPolicy = manifest("ssa-policy.yaml", shop);
        String teamPolicy = manifest("ssa-policy-team.yaml", shop);
        String policy = "/apis/networking.k8s.io/v1/namespaces/applies/networkpolicies/platform-dns";
        Result created = admin("apply", "--server-side", "-f", platformPolicy);
        assertThat(created.exit()).as(created.all()).isZero();
        assertThat(created.out()).contains("networkpolicy.networking.k8s.io/platform-dns serverside-applied");
        assertThat(app.api()
                        .get(policy)
                        .json()
                        .at("/metadata/managedFields/0/manager")
                        .asText())
                .isEqualTo("kubectl");

        Result conflict = admin("apply", "--server-side", "--field-manager=shop-team", "-f", teamPolicy);
        assertThat(conflict.exit()).isNotZero();
        assertThat(conflict.err())
                .contains("conflict with \"kubectl\" using networking.k8s.io/v1: .metadata.labels.owner");
        assertThat(app.api().get(policy).text("/metadata/labels/owner")).isEqualTo("platform");

        long events = app.eventCount();
        Result diff =
                admin("diff", "--server-side", "--field-manager=shop-team", "--force-conflicts", "-f", teamPolicy);
        assertThat(diff.exit()).as(diff.all()).isEqualTo(1);
        assertThat(diff.out()).contains("-    owner: platform").contains("+    owner: shop-team");
        assertThat(app.eventCount()).isEqualTo(events);

        Result forced =
                admin("apply", "--server-side", "--field-manager=shop-team", "--force-conflicts", "-f", teamPolicy);
        assertThat(forced.exit()).as(forced.all()).isZero();
        ApiClient.Response after = app.api().get(policy);
        assertThat(after.text("/metadata/labels/owner")).isEqualTo("shop-team");
        List<String> managers = new ArrayList<>();
        after.json()
                .at("/metadata/managedFields")
                .forEach(e -> managers.add(e.path("manager").asText()));
        // The same egress rule was applied by both: they share it; the label is now shop-team's alone.
        assertThat(managers).containsExactlyInAnyOrder("kubectl", "shop-team");
        assertThat(after.json().at("/metadata/annotations").has("policyledger.io/managed-fields"))
                .isFalse();
    }

    @Test
    void aPlatformAdminAppliesAClusterNetworkPolicyThatTenantsCannotChange() {
        Result applied = admin("apply", "-f", "admin-deny.yaml");
        assertThat(applied.exit()).as(applied.all()).isZero();
        assertThat(applied.out())
                .contains("clusternetworkpolicy.policy.networking.k8s.io/db-only-from-own-tenant created");
        assertThat(admin("get", "cnp").out())
                .containsPattern("NAME\\s+TIER\\s+PRIORITY\\s+AGE\\n")
                .containsPattern("db-only-from-own-tenant\\s+Admin\\s+10\\s+\\S+");
        assertThat(admin("explain", "clusternetworkpolicy.spec.tier").out()).contains("Admin: evaluated before");

        Result tenant = run(shopAdminConfig, Map.of(), "delete", "cnp", "db-only-from-own-tenant");
        assertThat(tenant.exit()).isNotZero();
        assertThat(tenant.err()).contains("Forbidden");
        assertThat(run(shopAdminConfig, Map.of(), "auth", "can-i", "create", "clusternetworkpolicies")
                        .out())
                .startsWith("no");
        assertThat(app.api()
                        .get("/apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies/db-only-from-own-tenant")
                        .text("/spec/ingress/0/action"))
                .isEqualTo("Deny");
    }

    private Result admin(String... args) {
        return run(adminConfig, Map.of(), args);
    }

    private Result run(Path kubeconfig, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(
                "kubectl",
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                work.resolve("cache").toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
            builder.environment().putAll(env);
            Path out = Files.createTempFile(work, "out", ".txt");
            Path err = Files.createTempFile(work, "err", ".txt");
            Process process = builder.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(KubectlIT.class.getResource("/kubectl/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
