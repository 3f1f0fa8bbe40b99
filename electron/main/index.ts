// Main process entry (placeholder until the shell lands).
import { app } from 'electron';

void app.whenReady();
