package io.policyledger.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;

/** TLS sockets as the delegate makes them, each handed to {@code made} too (so a driver can cut it off). */
final class RememberingSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final Consumer<Socket> made;

    RememberingSocketFactory(SSLSocketFactory delegate, Consumer<Socket> made) {
        this.delegate = delegate;
        this.made = made;
    }

    private Socket remember(Socket socket) {
        made.accept(socket);
        return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return remember(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return remember(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return remember(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return remember(delegate.createSocket(address, port, localAddress, localPort));
    }
}
