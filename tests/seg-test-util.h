/* seg-test-util.h — helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* tests/data/<relative> in the source tree (transfer full). */
char       *seg_test_fixture_path (const char *relative);

/* ../shared/data/<relative> beside the source tree, or NULL when it is absent.
 * Only for optional extras (screenshots); a test uses the one below. */
char       *seg_test_shared_data (const char *relative);

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

G_END_DECLS
