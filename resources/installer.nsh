; "Open with Raydocs Uploader" on Windows without taking over any format: a ProgID of our own, listed under each
; extension's OpenWithProgids. The extension's default value (its default app) is never written.
!macro raydocsOpenWith EXT
  WriteRegStr SHCTX "Software\Classes\${EXT}\OpenWithProgids" "RaydocsUploader.Document" ""
!macroend
!macro raydocsNoOpenWith EXT
  DeleteRegValue SHCTX "Software\Classes\${EXT}\OpenWithProgids" "RaydocsUploader.Document"
!macroend

!macro customInstall
  WriteRegStr SHCTX "Software\Classes\RaydocsUploader.Document" "" "Document for Raydocs Uploader"
  WriteRegStr SHCTX "Software\Classes\RaydocsUploader.Document\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  !insertmacro raydocsOpenWith ".pdf"
  !insertmacro raydocsOpenWith ".doc"
  !insertmacro raydocsOpenWith ".docx"
  !insertmacro raydocsOpenWith ".pptx"
  !insertmacro raydocsOpenWith ".png"
  !insertmacro raydocsOpenWith ".jpg"
  !insertmacro raydocsOpenWith ".jpeg"
  !insertmacro raydocsOpenWith ".tiff"
  !insertmacro raydocsOpenWith ".tif"
!macroend

!macro customUnInstall
  !insertmacro raydocsNoOpenWith ".pdf"
  !insertmacro raydocsNoOpenWith ".doc"
  !insertmacro raydocsNoOpenWith ".docx"
  !insertmacro raydocsNoOpenWith ".pptx"
  !insertmacro raydocsNoOpenWith ".png"
  !insertmacro raydocsNoOpenWith ".jpg"
  !insertmacro raydocsNoOpenWith ".jpeg"
  !insertmacro raydocsNoOpenWith ".tiff"
  !insertmacro raydocsNoOpenWith ".tif"
  DeleteRegKey SHCTX "Software\Classes\RaydocsUploader.Document"
!macroend
