/* test-engine.c — the engine's one-time set-up: GSL errors do not abort
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <string.h>

#include "seg-engine.h"
#include "seg-error.h"
#include "seg-gamma-gamma.h"
#include "seg-pca.h"

/* Issue 10 §4: GSL's handler aborts the process; it was switched off only
 * inside the BG/NBD code, so a GSL error anywhere earlier killed the app.
 * Any use of the engine (here a PCA fit, the first GSL user of an analysis)
 * switches it off; a GSL error afterwards is a status and a NaN. */
static void
test_gsl_error_after_engine_use (void)
{
  if (g_test_subprocess ())
    {
      double data[] = { 1, 2, 2, 1, 3, 5, 4, 4 };
      SegMatrix m = { 4, 2, data };
      g_autoptr(GError) error = NULL;
      SegGammaGammaParams params = { 2.0, 3.0, 10.0, 0, 0, 0 };
      gsl_sf_result res;
      SegPca *pca = seg_pca_fit (&m, 2, &error);

      g_assert_no_error (error);
      seg_pca_free (pca);
      /* Γ at a pole: GSL_EDOM, which aborted with the default handler */
      g_assert_cmpint (gsl_sf_lngamma_e (0.0, &res), ==, GSL_EDOM);
      g_assert_true (isnan (seg_gamma_gamma_log_likelihood (&params, 0.0, 10.0)));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_gsl_status_to_gerror (void)
{
  g_autoptr(GError) error = NULL;
  gsl_sf_result res;
  int status;

  seg_engine_init ();
  seg_engine_init ();   /* once is enough; again is harmless */
  status = gsl_sf_lngamma_e (-2.0, &res);
  g_assert_cmpint (status, !=, GSL_SUCCESS);
  g_assert_true (seg_engine_gsl_check (GSL_SUCCESS, "Nothing", &error));
  g_assert_no_error (error);
  g_assert_false (seg_engine_gsl_check (status, "The test value", &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "The test value could not be computed: "));
  g_assert_nonnull (seg_engine_gsl_last_error ());
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/gsl-error-after-engine-use", test_gsl_error_after_engine_use);
  g_test_add_func ("/engine/gsl-status-to-gerror", test_gsl_status_to_gerror);
  return g_test_run ();
}
