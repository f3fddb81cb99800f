package io.policyledger.agent;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs inside a pod's network namespace ({@code ip netns exec NS java ... Probe TCPPORT UDPPORT}): serves
 * TCP (accept, answer "hello") and UDP (echo) on the given ports, and probes others on command, one per
 * stdin line ({@code ID tcp|udp ADDRESS PORT}), answering {@code ID OK} or {@code ID FAIL} on stdout.
 * Only the JDK: it runs on the test classpath in a fresh JVM.
 */
public final class Probe {

    private static final int TIMEOUT_MILLIS = 400;

    public static void main(String[] args) throws Exception {
        int tcpPort = Integer.parseInt(args[0]);
        int udpPort = Integer.parseInt(args[1]);
        ServerSocket tcp = new ServerSocket(tcpPort);
        DatagramSocket udp = new DatagramSocket(udpPort);
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        pool.submit(() -> serveTcp(tcp));
        pool.submit(() -> serveUdp(udp));
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] command = line.trim().split(" ");
            pool.submit(() -> {
                boolean ok = "tcp".equals(command[1])
                        ? tcp(command[2], Integer.parseInt(command[3]))
                        : udp(command[2], Integer.parseInt(command[3]));
                synchronized (System.out) {
                    System.out.println(command[0] + (ok ? " OK" : " FAIL"));
                    System.out.flush();
                }
            });
        }
        System.exit(0);
    }

    private static Void serveTcp(ServerSocket server) throws Exception {
        while (true) {
            try (Socket s = server.accept()) {
                s.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                // a probe that gave up
            }
        }
    }

    private static Void serveUdp(DatagramSocket socket) throws Exception {
        byte[] buffer = new byte[512];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            socket.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
        }
    }

    private static boolean tcp(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            return s.getInputStream().read() == 'h';
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean udp(String address, int port) {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(TIMEOUT_MILLIS);
            byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(ping, ping.length, InetAddress.getByName(address), port));
            DatagramPacket reply = new DatagramPacket(new byte[16], 16);
            s.receive(reply);
            return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8).equals("ping");
        } catch (SocketTimeoutException e) {
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
