package dev.beam.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;
import org.ice4j.util.Buffer;

/**
 * ice4j's single-port harvester, asking {@link IceAdmission} before it makes a socket, reader
 * thread and STUN state for an address it has not seen. Runs on ice4j's receive thread.
 */
final class AdmittingUdpHarvester extends SinglePortUdpHarvester {
    private final IceAdmission admission;

    AdmittingUdpHarvester(TransportAddress localAddress, IceAdmission admission) throws IOException {
        super(localAddress);
        this.admission = admission;
    }

    @Override
    protected MySocket maybeAcceptNewSession(Buffer buf, InetSocketAddress remoteAddress, String ufrag) {
        // Null only while ice4j's constructor runs, before any session exists: nothing to admit.
        if (admission == null || !admission.admit(buf.getBuffer(), buf.getOffset(), buf.getLength(), ufrag)) {
            return null;
        }
        return super.maybeAcceptNewSession(buf, remoteAddress, ufrag);
    }
}
