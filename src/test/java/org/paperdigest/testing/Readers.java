package org.paperdigest.testing;

import org.paperdigest.App;
import org.paperdigest.subscribers.Consent;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.Subscriber;

/** Readers in the states tests need, reached the way the product reaches them (through {@link Consent}). */
public final class Readers {
    private Readers() {}

    /** Confirms the open subscribe request of {@code email}, as the reader's own link would. */
    public static Subscriber confirmOpenRequest(App app, String email) {
        Subscriber s = app.subscribers().find(EmailAddress.parse(email)).orElseThrow();
        String nonce = app.consent().openRequest(s.id()).orElseThrow(() -> new IllegalStateException(email + " has no open request"))
                .nonce();
        Consent.Confirmation c = app.consent().confirm(s.id(), nonce, Consent.Source.WEB);
        if (!(c instanceof Consent.Activated a)) {
            throw new IllegalStateException("confirming " + email + " gave " + c);
        }
        return a.subscriber();
    }
}
