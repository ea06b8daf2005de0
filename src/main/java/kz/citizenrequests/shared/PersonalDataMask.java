package kz.citizenrequests.shared;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

/**
 * Masks personal data in every log line before it is written: IINs (any 12-digit
 * number), e-mail addresses and Kazakh phone numbers, in messages and in the text of
 * logged exceptions (where a database error may quote a value). Names cannot be
 * recognised; the code never logs them.
 */
@LoggingFilter(name = PersonalDataMask.NAME)
public final class PersonalDataMask implements Filter {

    public static final String NAME = "personal-data-mask";

    private static final Pattern IIN = Pattern.compile("(?<![0-9])([0-9]{4})[0-9]{8}(?![0-9])");
    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("(?<![0-9])(\\+?[78])[\\s(-]*7[0-9]{2}[\\s)-]*[0-9]{3}[\\s-]*[0-9]{2}[\\s-]*[0-9]{2}(?![0-9])");

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = IIN.matcher(text).replaceAll("$1********");
        masked = EMAIL.matcher(masked).replaceAll("$1***@***");
        return PHONE.matcher(masked).replaceAll("$1 *** *** ** **");
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!(record instanceof ExtLogRecord ext)) {
            return true;
        }
        String message = ext.getFormattedMessage();
        String masked = mask(message);
        Throwable thrown = ext.getThrown();
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            String maskedTrace = mask(trace.toString());
            if (!maskedTrace.contentEquals(trace.getBuffer())) {
                masked = masked + System.lineSeparator() + maskedTrace;
                ext.setThrown(null);
            }
        }
        if (masked != null && !masked.equals(message)) {
            ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
            ext.setParameters(null);
        }
        return true;
    }
}
