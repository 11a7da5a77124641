package org.paperdigest.inbound;

/** What an email to the request address asks for. */
sealed interface Command permits Command.Subscribe, Command.Unsubscribe, Command.Confirm, Command.Help, Command.Ignore {

    /** Join: a pending subscriber for the sender and a confirmation mail. */
    record Subscribe() implements Command {}

    /**
     * Leave. With the signed token of the List-Unsubscribe mailto (or of the "leave" notice) it
     * unsubscribes that reader at once; without one ({@code token} null) the sender is asked to confirm.
     */
    record Unsubscribe(String token) implements Command {}

    /** A reply to a confirmation mail, carrying its token. */
    record Confirm(String token) implements Command {}

    /** No command found: answer with the list of commands. */
    record Help() implements Command {}

    /** Not for us to answer (an auto-reply, a bounce, bulk mail, a loop): drop without a word. */
    record Ignore(String reason) implements Command {}
}
