package io.policyledger.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose file and the configuration files it mounts agree with each other and with the repository:
 * {@code docker compose config} where Docker is installed, and everywhere a check of what Docker cannot
 * tell (a mounted file that does not exist, a load balancer pointing at a port nothing listens on, a scrape
 * target or credential path outside the container's mounts).
 */
class ComposeFilesTest {

    private static final int INSTANCE_PORT = 8080;
    private static Path root;
    private static Map<String, Map<String, Object>> services;
    private static Map<String, Object> volumes;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws Exception {
        root = repositoryRoot();
        Map<String, Object> compose = new Yaml().load(Files.readString(root.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
        volumes = (Map<String, Object>) compose.get("volumes");
    }

    @Test
    void dockerComposeAcceptsItWhereDockerIsInstalled() throws Exception {
        Process version;
        try {
            version = new ProcessBuilder("docker", "compose", "version")
                    .redirectErrorStream(true)
                    .start();
        } catch (java.io.IOException e) {
            System.out.println("docker is not installed: the compose file is checked by the other tests only");
            return;
        }
        if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0) {
            System.out.println("docker compose is not available: the compose file is checked by the other tests only");
            return;
        }
        Process config = new ProcessBuilder(
                        "docker",
                        "compose",
                        "-f",
                        root.resolve("docker-compose.yml").toString(),
                        "config",
                        "-q")
                .redirectErrorStream(true)
                .start();
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(config.exitValue())
                .as(new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
    }

    @Test
    void theServicesOfTheDesignAreThere() {
        assertThat(services).containsKeys("postgres", "app-1", "app-2", "lb", "bootstrap", "agent", "prometheus");
        services.forEach((name, service) -> assertThat(service).as(name).containsKey("image"));
    }

    @Test
    void mountedFilesExistAndVolumesAreDeclared() {
        List<String> problems = new ArrayList<>();
        services.forEach((name, service) -> {
            for (String mount : mounts(name)) {
                String source = mount.split(":")[0];
                if (source.startsWith("./")) {
                    Path file = root.resolve(source.substring(2));
                    boolean buildOutput = source.contains("/target/");
                    if (buildOutput) {
                        if (!List.of("./app/target/policy-ledger.jar", "./agent/target/policy-ledger-agent.jar")
                                .contains(source)) {
                            problems.add(name + " mounts " + source + ", which the build does not make");
                        }
                    } else if (!Files.exists(file)) {
                        problems.add(name + " mounts " + source + ", which does not exist");
                    }
                } else if (volumes == null || !volumes.containsKey(source)) {
                    problems.add(name + " mounts the undeclared volume " + source);
                }
            }
            Object depends = service.get("depends_on");
            Iterable<?> on = depends instanceof Map<?, ?> m ? m.keySet() : depends instanceof List<?> l ? l : List.of();
            for (Object other : on) {
                if (!services.containsKey(other.toString())) {
                    problems.add(name + " depends on the unknown service " + other);
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void publishedPortsAreDistinct() {
        Set<String> seen = new HashSet<>();
        List<String> twice = new ArrayList<>();
        services.forEach((name, service) -> {
            for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
                String host = port.toString().split(":")[0];
                if (!seen.add(host)) {
                    twice.add(name + " publishes " + host + " again");
                }
            }
        });
        assertThat(twice).isEmpty();
    }

    @Test
    void theLoadBalancerSendsToTheInstancesPortAndListensWhereItIsPublished() throws Exception {
        String haproxy = Files.readString(root.resolve("ops/haproxy.cfg"));
        Matcher server =
                Pattern.compile("(?m)^\\s*server\\s+\\S+\\s+([\\w-]+):(\\d+)").matcher(haproxy);
        List<String> backends = new ArrayList<>();
        while (server.find()) {
            backends.add(server.group(1));
            assertThat(services).as("backend %s", server.group(1)).containsKey(server.group(1));
            assertThat(Integer.parseInt(server.group(2))).isEqualTo(INSTANCE_PORT);
        }
        assertThat(backends).containsExactlyInAnyOrder("app-1", "app-2");
        Matcher bind = Pattern.compile("(?m)^\\s*bind\\s+:(\\d+)").matcher(haproxy);
        assertThat(bind.find()).isTrue();
        assertThat((List<?>) services.get("lb").get("ports"))
                .map(Object::toString)
                .anyMatch(p -> p.endsWith(":" + bind.group(1)));
        // Instances' certificates must name the address clients and the agent use.
        for (String instance : List.of("app-1", "app-2")) {
            assertThat(environment(instance).get("POLICYLEDGER_TLS_HOSTNAMES").toString())
                    .contains("lb")
                    .contains(instance);
        }
        String agent = String.join(" ", command("agent"));
        assertThat(agent).contains("--server https://lb:" + bind.group(1));
    }

    @Test
    void everyPathAContainerIsToldToReadIsMountedInIt() throws Exception {
        Map<String, Object> prometheus = new Yaml().load(Files.readString(root.resolve("ops/prometheus.yml")));
        List<String> paths = new ArrayList<>();
        collect(prometheus, List.of("credentials_file", "ca_file"), paths);
        assertThat(paths).isNotEmpty();
        List<String> problems = new ArrayList<>();
        paths.forEach(p -> requireMounted("prometheus", p, problems));
        Matcher target =
                Pattern.compile("\"([\\w-]+):(\\d+)\"").matcher(Files.readString(root.resolve("ops/prometheus.yml")));
        while (target.find()) {
            if (!services.containsKey(target.group(1)) || Integer.parseInt(target.group(2)) != INSTANCE_PORT) {
                problems.add("prometheus scrapes " + target.group() + ", which is not an instance's port");
            }
        }
        List<String> agent = command("agent");
        for (int i = 0; i < agent.size() - 1; i++) {
            if (List.of("--token-file", "--certificate-authority").contains(agent.get(i))) {
                requireMounted("agent", agent.get(i + 1), problems);
            }
        }
        String bootstrap = Files.readString(root.resolve("ops/bootstrap.sh"));
        Matcher file = Pattern.compile("(/(?:app-1|credentials)/[\\w./-]+)").matcher(bootstrap);
        while (file.find()) {
            requireMounted("bootstrap", file.group(1), problems);
        }
        assertThat(problems).isEmpty();
    }

    private static void requireMounted(String service, String path, List<String> problems) {
        boolean mounted = mounts(service).stream()
                .map(m -> m.split(":")[1])
                .anyMatch(target -> path.startsWith(target + "/") || path.equals(target));
        if (!mounted) {
            problems.add(service + " reads " + path + ", which none of its mounts holds");
        }
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<String> keys, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (keys.contains(k.toString())) {
                    out.add(v.toString());
                } else {
                    collect(v, keys, out);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(child -> collect(child, keys, out));
        }
    }

    private static List<String> mounts(String service) {
        List<String> out = new ArrayList<>();
        for (Object mount : (List<?>) services.get(service).getOrDefault("volumes", List.of())) {
            out.add(mount.toString());
        }
        return out;
    }

    private static List<String> command(String service) {
        List<String> out = new ArrayList<>();
        ((List<?>) services.get(service).get("command")).forEach(c -> out.add(c.toString()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) {
        return (Map<String, Object>) services.get(service).get("environment");
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docker-compose.yml")) && Files.exists(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("docker-compose.yml not found");
    }
}
