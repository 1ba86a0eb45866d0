# etom-check in a container: the model is mounted at /model.
#
#   docker build -t etom-check .
#   docker run --rm -v "$PWD/model:/model:ro" etom-check check /model
#   docker run --rm -v "$PWD:/work" -w /work etom-check check model --report sarif:out/etom-check.sarif
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /src
COPY pyproject.toml setup.cfg README.md LICENSE ./
COPY checker ./checker
COPY rules ./rules
RUN pip install /src && rm -rf /src

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin etom
USER etom
WORKDIR /model
ENTRYPOINT ["etom-check"]
CMD ["check", "/model"]
