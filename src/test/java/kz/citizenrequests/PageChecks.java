package kz.citizenrequests;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every page for people must pass in the browser tests: no serious or critical axe-core
 * violation of WCAG 2.1 A and AA, no sideways scrolling on a 360 px phone; and a screenshot at
 * 360 and 1280 px for people to look at.
 */
public final class PageChecks {

    public static final int PHONE = 360;
    public static final int DESKTOP = 1280;

    private PageChecks() {
    }

    /** Checks the page as it is now and leaves {@code <shots>-360.png} and {@code <shots>-1280.png}. */
    public static void check(Page page, String name, Path shots) {
        AxeResults results = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze();
        List<Rule> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .toList();
        assertTrue(serious.isEmpty(), name + ": " + serious.stream()
                .map(rule -> rule.getId() + " " + rule.getNodes().stream().map(n -> n.getTarget().toString())
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ")));
        page.setViewportSize(PHONE, 800);
        Object scroll = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0, ((Number) scroll).intValue(), name + " scrolls sideways at 360 px");
        Object broken = page.evaluate(BROKEN_HEADINGS);
        assertEquals(List.of(), broken, name + ": column headings broken inside a word at 360 px");
        shoot(page, shots, PHONE);
        page.setViewportSize(DESKTOP, 900);
        shoot(page, shots, DESKTOP);
        page.setViewportSize(PHONE, 800);
    }

    /**
     * The visible column headings that take more lines than they have words: a heading
     * squeezed so narrow that its words break, as the queue's did when its cells let long
     * strings break anywhere.
     */
    private static final String BROKEN_HEADINGS = """
            [...document.querySelectorAll('table th')].filter(th => {
              const words = th.textContent.trim().split(/\\s+/).filter(w => w).length;
              if (words === 0 || th.querySelector('.visually-hidden')) return false;
              const range = document.createRange();
              range.selectNodeContents(th);
              const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
              return lines > words;
            }).map(th => th.textContent.trim())
            """;

    private static void shoot(Page page, Path shots, int width) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(shots.resolveSibling(shots.getFileName() + "-" + width + ".png")));
    }
}
