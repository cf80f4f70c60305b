package dev.flowinspector.capture;

import java.util.List;

/**
 * A network interface live capture can open, as libpcap lists it.
 *
 * @param name        the name to open it by ({@code eth0}, {@code lo}, {@code \Device\NPF_{...}})
 * @param description libpcap's description, or null
 * @param addresses   its IPv4/IPv6 addresses as text (IPv6 without zone), possibly empty
 * @param loopback    true for the loopback interface
 * @param up          true when the interface is up
 */
public record InterfaceInfo(String name, String description, List<String> addresses, boolean loopback, boolean up) {

    public InterfaceInfo {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** One line for lists: {@code eth0  192.0.2.2, fd00::2  (description) [loopback] [down]}. */
    public String label() {
        StringBuilder sb = new StringBuilder(name);
        if (!addresses.isEmpty()) {
            sb.append("  ").append(String.join(", ", addresses));
        }
        if (description != null && !description.isBlank()) {
            sb.append("  (").append(description).append(')');
        }
        if (loopback) {
            sb.append(" [loopback]");
        }
        if (!up) {
            sb.append(" [down]");
        }
        return sb.toString();
    }
}
