package com.personifi.connectors.notify;

import jakarta.mail.SendFailedException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Email over SMTP through Spring Boot's mail sender, which exists only when {@code spring.mail.host} is set. */
@Component
class EmailSender implements ChannelSender {

    private final ObjectProvider<JavaMailSender> mail;
    private final Recipients recipients;
    private final String from;

    EmailSender(ObjectProvider<JavaMailSender> mail, Recipients recipients, NotificationSettings settings) {
        this.mail = mail;
        this.recipients = recipients;
        this.from = settings.email().from();
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public DeliveryOutcome send(Delivery delivery) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return new DeliveryOutcome.Skipped("SMTP not configured (spring.mail.host)");
        }
        String to = recipients.of(delivery.notification().userId()).map(Recipients.Contact::email).orElse(null);
        if (to == null || to.isBlank()) {
            return new DeliveryOutcome.Skipped("user has no email address");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(delivery.notification().emailSubject());
        message.setText(delivery.notification().emailText());
        try {
            sender.send(message);
            return new DeliveryOutcome.Sent();
        } catch (MailParseException | MailPreparationException e) {
            return new DeliveryOutcome.PermanentFailure("the message could not be built: " + Masking.externalText(e.getMessage()));
        } catch (MailSendException e) {
            return refusedAddress(e) ? new DeliveryOutcome.PermanentFailure("the mail server refused the address")
                    : new DeliveryOutcome.TransientFailure("mail server: " + Masking.externalText(e.getMessage()), null);
        } catch (MailAuthenticationException e) {
            // our credentials, not this message: worth retrying once they are fixed
            return new DeliveryOutcome.TransientFailure("mail server refused our login", null);
        } catch (MailException e) {
            return new DeliveryOutcome.TransientFailure("mail server: " + Masking.externalText(e.getMessage()), null);
        }
    }

    /** The server said no to the recipient itself (a 5xx to RCPT TO), which another attempt would not change. */
    private static boolean refusedAddress(MailSendException e) {
        for (Exception failure : e.getFailedMessages().values()) {
            if (failure instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
                    && sendFailed.getInvalidAddresses().length > 0) {
                return true;
            }
        }
        return false;
    }
}
