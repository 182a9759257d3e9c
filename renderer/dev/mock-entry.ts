// Dev only (dev.html): install the mock studio before the app's module runs. `window.mockStudio` drives it from the
// console or a test: mockStudio.crash(), mockStudio.ready().
import { createMockStudio, type MockControls } from './mock-studio.ts';

declare global {
  interface Window {
    mockStudio: MockControls;
  }
}

const params = new URLSearchParams(location.search);
const studio = createMockStudio(params.get('scenario') ?? '', Number(params.get('delay') ?? 150));
window.studio = studio;
window.mockStudio = studio.mock;
