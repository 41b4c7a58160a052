/* seg-test-util.h — helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdarg.h>

G_BEGIN_DECLS

/* tests/data/<relative> in the source tree (transfer full). */
char       *seg_test_fixture_path (const char *relative);

/* ../shared/data/<relative> beside the source tree, or NULL when it is absent.
 * Only for optional extras (screenshots); a test uses the one below. */
char       *seg_test_shared_data (const char *relative);

/* Whether the environment variable CI is set to anything but "", "0" or
 * "false": then a check that cannot run fails instead of skipping. */
gboolean    seg_test_in_ci       (void);

/* ../shared/data/<relative> for a test that needs it.  When it is absent,
 * returns NULL after marking the test skipped — or failed when the
 * environment variable CI is set (to anything but "", "0" or "false": CI
 * always has ../shared/data, and a
 * reference check that did not run must not pass); the caller returns.
 * Every test that uses ../shared/data goes through here. */
char       *seg_test_require_shared_data (const char *relative);

/* A fresh temporary directory, removed by seg_test_rmdir_recursive(). */
char       *seg_test_mkdtemp     (void);
void        seg_test_rmdir_recursive (const char *path);

/* The build tree (SEG_BUILD_ROOT), e.g. to find src/cli/segmenta-cli. */
const char *seg_test_build_root  (void);
const char *seg_test_source_root (void);

/* Unpacks the gzip file @gz into @dir/@name; returns that path (transfer full). */
char       *seg_test_gunzip_to   (const char *gz,
                                  const char *dir,
                                  const char *name);

/* Runs $SEGMENTA_CLI with the arguments up to NULL; its standard output and
 * error go to @out and @err (each nullable, transfer full).  Returns the
 * exit status, -1 when it did not exit. */
int         seg_test_run_cli     (char      **out,
                                  char      **err,
                                  const char *first,
                                  ...) G_GNUC_NULL_TERMINATED;
int         seg_test_run_cli_valist (char      **out,
                                     char      **err,
                                     const char *first,
                                     va_list     args);

/* The column @name of a CSV without quoted commas, one string per row
 * (transfer full). */
GPtrArray  *seg_test_csv_column  (const char *csv,
                                  const char *name);

/* Expects the critical that g_return_*_if_fail () logs in the log domain
 * @domain when the check @what fails (g_test_expect_message ()). */
void        seg_test_expect_check (const char *domain,
                                   const char *what);

G_END_DECLS
