package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The conditions a configuration was observed under (the notes: machine type, firmware, guest OS,
 * driver, primary GPU, VBIOS source, boot path, display). Absent means "not stated".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Conditions(
    String machine,
    String firmware,
    String guestOs,
    String driver,
    String primaryGpu,
    String vbiosSource,
    String bootPath,
    String display,
    String workload) {}
