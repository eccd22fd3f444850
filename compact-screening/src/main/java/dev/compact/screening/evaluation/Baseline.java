package dev.compact.screening.evaluation;

import com.ibm.icu.text.Normalizer2;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/** The plain baseline every quality figure is compared with: whole-string Jaro-Winkler. */
public final class Baseline {

  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

  private Baseline() {}

  /** Jaro-Winkler of the NFKC case-folded strings, nothing else. */
  public static double jaroWinkler(String a, String b) {
    return JARO_WINKLER.apply(NFKC_CASEFOLD.normalize(a), NFKC_CASEFOLD.normalize(b));
  }
}
