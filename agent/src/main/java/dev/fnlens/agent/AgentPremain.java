package dev.fnlens.agent;

public final class AgentPremain {
    public static void premain(String args) {
    }
}
