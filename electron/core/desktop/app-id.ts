// The app's identity across the OS: electron-builder's appId, the Windows AppUserModelID and the macOS bundle id.

/** Same as `appId` in electron-builder.yml (a test keeps them equal). */
export const APP_ID = 'com.raydocs.uploader';
