package com.personifi.stack;

import java.nio.file.Path;

/** Started in a child JVM by {@link LocalStackIntegrationTest} and killed there, as Ctrl-\ or kill -9 would. */
public final class AbandonedStack {

    public static void main(String[] args) throws InterruptedException {
        LocalStack stack = LocalStack.start(new StackSettings(Path.of(args[0]), null, 0, 0, 0, false));
        System.out.println("READY " + stack.childPids().get(0) + " " + stack.childPids().get(1));
        Thread.sleep(Long.MAX_VALUE);
    }
}
