package io.hpcgateway.frontend.identity.ssh;

import io.hpcgateway.frontend.identity.RunningCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/** A {@link RunningCommand} that is an exec channel of a pooled SSH session: streams pass straight through. */
final class SshCommand implements RunningCommand {

    /** What a command ended by a signal (no exit status) reports, as a shell would for SIGKILL. */
    private static final int KILLED = 137;

    private final ChannelExec channel;

    private SshCommand(ChannelExec channel) {
        this.channel = channel;
    }

    /** Opens an exec channel for {@code commandLine}; {@code onClose} runs once the channel is gone. */
    static SshCommand open(ClientSession session, String commandLine, Duration timeout, Runnable onClose)
            throws IOException {
        ChannelExec channel = session.createExecChannel(commandLine);
        channel.addCloseFutureListener(future -> onClose.run());
        try {
            channel.open().verify(timeout);
        } catch (IOException | RuntimeException e) {
            channel.close(true);
            throw e;
        }
        return new SshCommand(channel);
    }

    @Override
    public OutputStream stdin() {
        return channel.getInvertedIn();
    }

    @Override
    public InputStream stdout() {
        return channel.getInvertedOut();
    }

    @Override
    public InputStream stderr() {
        return channel.getInvertedErr();
    }

    @Override
    public OptionalInt waitFor(Duration timeout) {
        Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout.toMillis());
        if (!events.contains(ClientChannelEvent.CLOSED)) {
            return OptionalInt.empty();
        }
        Integer status = channel.getExitStatus();
        return OptionalInt.of(status == null ? KILLED : status);
    }

    @Override
    public void destroy() {
        channel.close(true);
    }
}
