/* seg-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "seg-application.h"

G_BEGIN_DECLS

#define SEG_TYPE_WINDOW (seg_window_get_type ())

G_DECLARE_FINAL_TYPE (SegWindow, seg_window, SEG, WINDOW, AdwApplicationWindow)

SegWindow *seg_window_new        (SegApplication *application);
void       seg_window_open_files (SegWindow      *self,
                                  GFile         **files,
                                  guint           n_files);

G_END_DECLS
