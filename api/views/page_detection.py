"""Page detection for a photo before it is uploaded: the corners the machine found, and how sure it
is. The upload page shows them as draggable handles; the employee corrects them when unsure."""
import io

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

import ocr
from api.uploads import read_upload
from documents.filetypes import image_upright_size
from documents.image_work import PageDetectionThrottle, image_work_slot
from documents.pipeline import ocr_config


class PageDetectionIn(serializers.Serializer):
    file = serializers.FileField(help_text="the photo (JPEG, PNG, TIFF); it is not stored")


class PageDetectionOut(serializers.Serializer):
    corners = serializers.ListField(child=serializers.ListField(child=serializers.FloatField()),
                                    help_text="[[x, y]] x4: top-left, top-right, bottom-right, bottom-left")
    confidence = serializers.FloatField(help_text="0..1; below 0.6 the uploader should place the corners")
    found = serializers.BooleanField(help_text="a page stands out from its background")
    width = serializers.IntegerField(help_text="the upright photo's width in pixels")
    height = serializers.IntegerField()


class PageDetection(APIView):
    """Decoded in one of the process's bounded image slots, at most PAGE_DETECTION_RATE per user."""

    parser_classes = [MultiPartParser]
    throttle_classes = [PageDetectionThrottle]

    @extend_schema(request={"multipart/form-data": PageDetectionIn}, responses={200: PageDetectionOut})
    def post(self, request):
        form = PageDetectionIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = read_upload(form.validated_data["file"], settings.UPLOAD_MAX_BYTES)
        if data[:5] == b"%PDF-":
            raise ValidationError({"file": ["Sudut halaman hanya dicari pada foto (JPEG, PNG, TIFF), bukan PDF."]})
        try:
            with image_work_slot():
                found = ocr.detect_page(data, config=ocr_config())
                width, height = image_upright_size(io.BytesIO(data))
        except ocr.OcrError as exc:
            raise ValidationError({"file": [exc.message]}) from None
        except ValueError as exc:
            raise ValidationError({"file": [str(exc)]}) from None
        return Response({**found.to_dict(), "width": width, "height": height})

